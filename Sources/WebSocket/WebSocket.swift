// WebSocket: placeholder until the module lands.

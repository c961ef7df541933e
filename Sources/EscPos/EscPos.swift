// EscPos: placeholder until the module lands.

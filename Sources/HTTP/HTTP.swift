// HTTP: placeholder until the module lands.

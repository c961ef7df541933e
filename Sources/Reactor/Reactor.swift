// Reactor: placeholder until the module lands.

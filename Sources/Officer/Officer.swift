// Officer: placeholder until the module lands.

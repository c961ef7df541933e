// TicketBox: placeholder until the module lands.

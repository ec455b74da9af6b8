// The movements commands are in MovementCommands.swift, the queries in
// MovementQueries.swift.

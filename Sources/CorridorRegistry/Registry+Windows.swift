// The windows commands and queries are in WindowCommands.swift; when a window
// is in effect, in WindowSchedule.swift.

import Testing

/// The server's behaviour against real sockets, with a real CorridorServer in
/// this process. The suites nested in this one (one file per concern) run one
/// test at a time: several measure the whole process (resident memory, open
/// files) and must see only their own server.
@Suite(.serialized)
enum ServerTests {}

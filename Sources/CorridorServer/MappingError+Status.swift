import CorridorModel
import CorridorWire

// A request the generated decoder accepted but the model has no word for (an
// enum number this build does not know): INVALID_ARGUMENT naming the field,
// as the request's other refusals do.

extension RPCStatus {
    public init(_ error: MappingError) {
        self = RPCError.invalidArgument([FieldViolation(field: error.field, reason: error.reason)]).rpcStatus
    }
}

import CorridorRegistry
import CorridorWire

// The one place a registry refusal becomes a wire status: each code of the
// registry's is one status code, with its message and field violations; a
// failure of the store underneath is the store's status (StoreError+Status).

extension RPCStatus {
    public init(_ error: RegistryError) {
        let code: StatusCode
        switch error.code {
        case .invalidArgument: code = .invalidArgument
        case .notFound: code = .notFound
        case .alreadyExists: code = .alreadyExists
        case .failedPrecondition: code = .failedPrecondition
        case .unavailable: code = .unavailable
        case .dataLoss: code = .dataLoss
        case .internal: code = .internal
        case .store:
            guard let storeError = error.storeError else {
                self.init(.internal, error.message)
                return
            }
            self.init(storeError)
            return
        }
        self.init(code, error.message, fieldViolations: error.fieldViolations)
    }
}

import CorridorServer
import CorridorModel
import CorridorRegistry
import CorridorStore
import CorridorWire
import Testing

/// The server edge gives each registry and store refusal its wire status, in
/// one place each: the code, the message unchanged, the field violations.
@Suite struct ErrorStatusTests {
    static let violations = [
        FieldViolation(field: "case.age_months", reason: "2000 is more than 1560 (130 years)"),
        FieldViolation(field: "case.site_id", reason: "is required"),
    ]

    @Test func invalidArgumentsNameEveryField() {
        let status = RPCStatus(RegistryError.invalidArgument(violations: Self.violations))
        #expect(status == RPCStatus(.invalidArgument, "invalid case.age_months, case.site_id", fieldViolations: Self.violations))
    }

    @Test func anInvalidArgumentWithItsOwnMessageKeepsIt() {
        let status = RPCStatus(RegistryError.invalidArgument("rule is required"))
        #expect(status == RPCStatus(.invalidArgument, "rule is required"))
    }

    @Test func notFound() {
        #expect(RPCStatus(RegistryError.notFound("no party with id \"x\"")) == RPCStatus(.notFound, "no party with id \"x\""))
    }

    @Test func alreadyExistsKeepsTheDuplicatesOfAnImport() {
        let duplicates = [FieldViolation(field: "rows[1].case.id", reason: "row 3: duplicate: the id \"a\" is already row 2")]
        let status = RPCStatus(RegistryError.alreadyExists("1 of 2 rows refused; nothing was imported", violations: duplicates))
        #expect(status == RPCStatus(.alreadyExists, "1 of 2 rows refused; nothing was imported", fieldViolations: duplicates))
        #expect(RPCStatus(RegistryError.alreadyExists("a party with id \"gov\" already exists")) == RPCStatus(.alreadyExists, "a party with id \"gov\" already exists"))
    }

    @Test func failedPrecondition() {
        let message = "list l1 is CLOSED, which is final"
        #expect(RPCStatus(RegistryError.failedPrecondition(message)) == RPCStatus(.failedPrecondition, message))
        // A refused state change names the request's field too.
        let field = [FieldViolation(field: "status", reason: "DEPARTED is not a state movement m4 can go to from PLANNED")]
        let status = RPCStatus(RegistryError.failedPrecondition("movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED", violations: field))
        #expect(status == RPCStatus(.failedPrecondition, "movement m4 is PLANNED; from PLANNED it can go to NOTIFIED or ABORTED", fieldViolations: field))
    }

    @Test func unavailable() {
        let message = "the registry is shutting down; resume the watch from sequence 12"
        #expect(RPCStatus(RegistryError.unavailable(message)) == RPCStatus(.unavailable, message))
    }

    @Test func dataLoss() {
        let message = "snapshot entry header cut short at byte 8"
        #expect(RPCStatus(RegistryError.dataLoss(message)) == RPCStatus(.dataLoss, message))
    }

    @Test func internalFault() {
        let message = "case C-000001 was committed but is not in the state"
        #expect(RPCStatus(RegistryError.internal(message)) == RPCStatus(.internal, message))
    }

    /// Every code of the registry's is covered above or below: adding one
    /// fails here until it has a test (and the compiler asks for its status).
    @Test func everyRegistryCodeIsTested() {
        let tested: Set<RegistryError.Code> = [.invalidArgument, .notFound, .alreadyExists, .failedPrecondition, .unavailable, .dataLoss, .internal, .store]
        #expect(Set(RegistryError.Code.allCases) == tested)
    }

    /// A store refusal passed on by the registry has the store's status.
    @Test(arguments: StoreError.Kind.allCases)
    func aStoreRefusalThroughTheRegistryIsTheStoresStatus(kind: StoreError.Kind) {
        let storeError = StoreError(kind, "what the store said")
        let registryError = RegistryError.store(storeError)
        #expect(registryError.code == .store)
        #expect(registryError.storeError == storeError)
        #expect(RPCStatus(registryError) == RPCStatus(storeError))
        #expect(RPCStatus(registryError).message == "what the store said")
    }

    @Test(arguments: [
        (StoreError.Kind.noSpace, StatusCode.resourceExhausted),
        (.corrupt, .dataLoss),
        (.snapshotAhead, .dataLoss),
        (.locked, .failedPrecondition),
        (.unwritable, .unavailable),
        (.conflictingWriter, .unavailable),
        (.closed, .unavailable),
        (.io, .internal),
        (.tooLarge, .invalidArgument),
        (.cancelled, .cancelled),
    ])
    func eachStoreKindHasItsStatus(kind: StoreError.Kind, code: StatusCode) {
        #expect(RPCStatus(StoreError(kind, "why")) == RPCStatus(code, "why"))
    }

    @Test func everyStoreKindIsTested() {
        let tested: Set<String> = ["noSpace", "corrupt", "snapshotAhead", "locked", "unwritable", "conflictingWriter", "closed", "io", "tooLarge", "cancelled"]
        #expect(Set(StoreError.Kind.allCases.map { "\($0)" }) == tested)
    }
}

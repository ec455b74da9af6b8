import CorridorWire

// Typed calls of the Registry service: lists (proto/corridor/v1/registry.proto).
// Each takes the generated request and goes through its generated RPCMethod;
// the result is the model value (mapped by CorridorWire/Mapping) where the model has
// one, else the generated response.

extension CorridorClient {
    public func createList(_ request: Corridor_V1_CreateListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.createList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func selectList(_ request: Corridor_V1_SelectListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> SelectListResponse {
        let reply = try await unary(Corridor_V1_Registry.selectList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try SelectListResponse(proto: reply) }
    }

    public func submitList(_ request: Corridor_V1_ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.submitList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func approveList(_ request: Corridor_V1_ApproveListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.approveList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func strikeEntry(_ request: Corridor_V1_StrikeEntryRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.strikeEntry, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func topUpList(_ request: Corridor_V1_ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.topUpList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func closeList(_ request: Corridor_V1_ListActionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> EvacuationList {
        let reply = try await unary(Corridor_V1_Registry.closeList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try EvacuationList(proto: reply) }
    }

    public func getList(_ request: Corridor_V1_GetRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListSummary {
        let reply = try await unary(Corridor_V1_Registry.getList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try ListSummary(proto: reply) }
    }

    public func listLists(_ request: Corridor_V1_ListListsRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListListsResponse {
        try await unary(Corridor_V1_Registry.listLists, request, timeout: timeout)
    }

    public func getListVersion(_ request: Corridor_V1_GetListVersionRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> ListVersion {
        let reply = try await unary(Corridor_V1_Registry.getListVersion, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try ListVersion(proto: reply) }
    }

    public func diffList(_ request: Corridor_V1_DiffListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> DiffListResponse {
        let reply = try await unary(Corridor_V1_Registry.diffList, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try DiffListResponse(proto: reply) }
    }

    public func leftOut(_ request: Corridor_V1_LeftOutRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> LeftOutResponse {
        let reply = try await unary(Corridor_V1_Registry.leftOut, request, timeout: timeout)
        return try Self.model { () throws(MappingError) in try LeftOutResponse(proto: reply) }
    }
}

extension CorridorClient {
    /// A list as a party receives it to vet, with one disclosure profile's
    /// fields; the server records it on the audit trail first.
    public func discloseList(_ request: Corridor_V1_DiscloseListRequest, timeout: Duration? = .seconds(30)) async throws(RPCError) -> Corridor_V1_ListDisclosure {
        try await unary(Corridor_V1_Registry.discloseList, request, timeout: timeout)
    }
}

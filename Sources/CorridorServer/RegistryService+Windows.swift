import CorridorModel
import CorridorRegistry
import CorridorWire

// The windows methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerWindows(_ registry: Registry, on router: inout MethodRouter) {
        let rpc = Corridor_V1_Registry.self
        router.register(rpc.announceWindow) { request, context in
            let window = try request.window.map { try AccessWindow(proto: $0) }
            return Corridor_V1_AccessWindow(try await registry.announceWindow(window, actor: context.actor))
        }
        router.register(rpc.setWindowStatus) { request, context in
            let status = try AccessWindow.Status(proto: request.status, field: "corridor.v1.SetWindowStatusRequest.status")
            return Corridor_V1_AccessWindow(try await registry.setWindowStatus(
                windowID: request.windowID, status: status, report: request.report, reason: request.reason, at: request.at,
                timeZone: request.timeZone, actor: context.actor
            ))
        }
        router.register(rpc.getWindow) { request, _ in
            Corridor_V1_AccessWindow(try await registry.getWindow(request.id))
        }
        router.register(rpc.listWindows) { request, _ in
            Corridor_V1_ListWindowsResponse(windows: try await registry.listWindows(siteID: request.siteID).map(Corridor_V1_AccessWindow.init))
        }
        router.register(rpc.activeWindows) { request, _ in
            Corridor_V1_ActiveWindowsResponse(try await registry.activeWindows(siteID: request.siteID, at: request.at, timeZone: request.timeZone))
        }
    }
}

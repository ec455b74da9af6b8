import CorridorModel
import CorridorRegistry
import CorridorWire

// The windows methods of corridor.v1.Registry (proto/corridor/v1/registry.proto).

extension RegistryService {
    static func registerWindows(_ registry: Registry, on router: inout MethodRouter) {
        let prefix = "/corridor.v1.Registry/"
        router.registerUnary(prefix + "AnnounceWindow") { (request: AnnounceWindowRequest, context) in
            try await registry.announceWindow(request.window, actor: context.actor)
        }
        router.registerUnary(prefix + "SetWindowStatus") { (request: SetWindowStatusRequest, context) in
            try await registry.setWindowStatus(
                windowID: request.windowID, status: request.status, report: request.report, reason: request.reason, at: request.at,
                timeZone: request.timeZone, actor: context.actor
            )
        }
        router.registerUnary(prefix + "GetWindow") { (request: GetRequest, _) in
            try await registry.getWindow(request.id)
        }
        router.registerUnary(prefix + "ListWindows") { (request: ListWindowsRequest, _) in
            ListWindowsResponse(windows: try await registry.listWindows(siteID: request.siteID))
        }
        router.registerUnary(prefix + "ActiveWindows") { (request: ActiveWindowsRequest, _) in
            try await registry.activeWindows(siteID: request.siteID, at: request.at, timeZone: request.timeZone)
        }
    }
}

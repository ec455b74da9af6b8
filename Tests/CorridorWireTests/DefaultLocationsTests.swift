import CorridorWire
import Glibc
import Testing

@Suite struct DefaultLocationsTests {
    @Test func systemdDirectoriesWinForTheDaemon() {
        let environment = ["RUNTIME_DIRECTORY": "/run/corridor", "STATE_DIRECTORY": "/var/lib/corridor", "XDG_RUNTIME_DIR": "/run/user/1000"]
        #expect(DefaultLocations.daemonSocket(environment: environment) == "/run/corridor/corridord.sock")
        #expect(DefaultLocations.dataDirectory(environment: environment) == "/var/lib/corridor")
    }

    @Test func byHandTheDaemonUsesThePerUserPlaces() {
        #expect(DefaultLocations.daemonSocket(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"]) == "/run/user/1000/corridor/corridord.sock")
        #expect(DefaultLocations.daemonSocket(environment: [:]) == "/tmp/corridor-\(getuid())/corridord.sock")
        #expect(DefaultLocations.dataDirectory(environment: ["HOME": "/home/aid"]) == "/home/aid/.local/state/corridor")
        #expect(DefaultLocations.dataDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/aid"]) == "/s/corridor")
    }

    @Test func theClientFindsWhatTheDaemonMade() {
        let environment = ["XDG_RUNTIME_DIR": "/run/user/1000"]
        let user = "/run/user/1000/corridor/corridord.sock"
        #expect(DefaultLocations.clientSocket(explicit: nil, environment: environment) { $0 == user } == user)
        #expect(DefaultLocations.clientSocket(explicit: nil, environment: environment) { $0 == DefaultLocations.systemSocket } == DefaultLocations.systemSocket)
        #expect(DefaultLocations.clientSocket(explicit: nil, environment: environment) { _ in false } == user)
        #expect(DefaultLocations.clientSocket(explicit: "/x.sock", environment: ["CORRIDOR_SOCKET": "/y.sock"]) { _ in true } == "/x.sock")
        #expect(DefaultLocations.clientSocket(explicit: nil, environment: ["CORRIDOR_SOCKET": "/y.sock"]) { _ in true } == "/y.sock")
    }
}

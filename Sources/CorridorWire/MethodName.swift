/// The full names of the methods, `/corridor.v1.<Service>/<Method>`, after the
/// `service` blocks in proto/.
public enum MethodName {
    public enum System {
        public static let status = "/corridor.v1.System/Status"
        public static let ping = "/corridor.v1.System/Ping"
    }

    public enum Health {
        public static let check = "/corridor.v1.Health/Check"
        public static let watch = "/corridor.v1.Health/Watch"
    }
}

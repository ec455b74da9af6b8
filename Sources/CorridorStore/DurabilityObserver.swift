/// One step by which the store makes something durable, or changes a name
/// whose durability waits for its directory's sync. Told after the step
/// returned (but `synchronizingRange` and `synchronizingFile`, told before). Writes are not told: they go through mappings and buffers and
/// are nothing until a sync, so an observer that wants the bytes reads the
/// file when a sync is told.
public enum DurabilityEvent: Sendable, Equatable {
    /// `msync(MS_SYNC)` of `range` of the file is about to start: the bytes
    /// are written (through the mapping) and any of their pages may reach
    /// the disk from here on, in any order, until the msync returns.
    case synchronizingRange(path: String, range: Range<Int>)
    /// `msync(MS_SYNC)` of `range` of the file returned: the pages holding it
    /// are on disk with their content as it is now.
    case synchronizedRange(path: String, range: Range<Int>)
    /// `fdatasync` or `fsync` of the file is about to start: what was written
    /// to it may reach the disk from here on, in any part, until it returns.
    case synchronizingFile(path: String)
    /// `fdatasync` or `fsync` of the file returned: all its data, and its size,
    /// are on disk.
    case synchronizedFile(path: String)
    /// `fsync` of a directory returned: its entries as they are now are on disk.
    case synchronizedDirectory(path: String)
    /// A file or a directory was made under this name; the name is durable
    /// only once its directory is synced.
    case created(path: String)
    /// `link(2)`: a second name for the file.
    case linked(from: String, to: String)
    /// `rename(2)`, replacing whatever `to` named.
    case renamed(from: String, to: String)
    /// `unlink(2)`.
    case removed(path: String)
    /// `posix_fallocate` or `ftruncate` set the file's size; durable with the
    /// file's next `fdatasync`.
    case resized(path: String, length: Int)
}

/// Told of every `DurabilityEvent` of a store it is given to (through
/// `StoreOptions.durabilityObserver`), in the order they happen. The power-loss
/// simulation in the tests records these to build the data directories a power
/// cut could leave. Nil in production: each step then costs one nil check.
/// Called on the thread doing the step, sometimes under the store's locks: an
/// observer must not call back into the store.
public protocol DurabilityObserver: AnyObject, Sendable {
    func observe(_ event: DurabilityEvent)
}

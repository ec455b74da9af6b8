import CorridorPrivacy
import CorridorReplication

// The vault is replication's keyring: wrapped data keys go out with the
// events that need them and are adopted by a follower (docs/REPLICATION.md).
extension PersonalDataVault: ReplicationKeyring {}

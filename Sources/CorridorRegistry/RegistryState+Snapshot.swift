import CorridorModel

/// A snapshot's payload is a stream of snapshot entries, each preceded by
/// its length (4 bytes, little-endian), so a large state is written and read
/// one record at a time (docs/STORAGE.md). The entries are model values; the
/// RecordCoding decides their bytes.
extension RegistryState {
    func snapshotPayload(coding: any RecordCoding) throws(RegistryError) -> [UInt8] {
        var payload: [UInt8] = []
        func append(_ entry: SnapshotEntry) throws(RegistryError) {
            let bytes: [UInt8]
            do {
                bytes = try coding.encode(entry)
            } catch {
                throw RegistryError.internal("cannot encode a snapshot entry: \(error)")
            }
            withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { payload.append(contentsOf: $0) }
            payload.append(contentsOf: bytes)
        }
        try append(.counters(RegistryCounters(nextCaseNumber: nextCaseNumber, nextFigureNumber: nextFigureNumber)))
        for party in parties.values.sorted(by: { $0.id < $1.id }) {
            try append(.party(PartyEntry(party: party, history: history(of: RecordKey(kind: .party, id: party.id)) ?? [])))
        }
        for site in sites.values.sorted(by: { $0.id < $1.id }) {
            try append(.site(SiteEntry(site: site, history: history(of: RecordKey(kind: .site, id: site.id)) ?? [])))
        }
        let table = caseTable
        for slot in (0..<table.count).sorted(by: { table.id(at: $0) < table.id(at: $1) }) {
            try append(.caseEntry(CaseEntry(case: table.record(at: slot), personal: table.personal(at: slot), history: table.history(at: slot))))
        }
        func historyOf(_ kind: RecordKind, _ id: String) -> [UInt64] { history(of: RecordKey(kind: kind, id: id)) ?? [] }
        for rule in rules.values.sorted(by: { $0.id < $1.id }) {
            try append(.rule(RuleEntry(rule: rule, history: historyOf(.rule, rule.id))))
        }
        for list in lists.values.sorted(by: { $0.id < $1.id }) {
            try append(.list(ListEntryRecord(list: list, versions: listVersions[list.id] ?? [], history: historyOf(.list, list.id))))
        }
        for agreement in agreements.values.sorted(by: { $0.id < $1.id }) {
            try append(.agreement(AgreementEntry(agreement: agreement, history: historyOf(.agreement, agreement.id))))
        }
        for window in windows.values.sorted(by: { $0.id < $1.id }) {
            try append(.window(WindowEntry(window: window, history: historyOf(.window, window.id))))
        }
        for movement in movements.values.sorted(by: { $0.id < $1.id }) {
            try append(.movement(MovementEntry(movement: movement, history: historyOf(.movement, movement.id))))
        }
        for figure in figures.values.sorted(by: { $0.id < $1.id }) {
            try append(.figure(FigureEntry(figure: figure, history: historyOf(.figure, figure.id))))
        }
        return payload
    }

    /// The state a snapshot holds, through `sequence`.
    init(snapshotPayload payload: [UInt8], sequence: UInt64, coding: any RecordCoding) throws(RegistryError) {
        self.init()
        lastSequence = sequence
        // Nearly every entry of a large snapshot is a case: room for as many
        // cases as there are entries, so the table never grows while loading.
        caseTable.reserveCapacity(try SnapshotDecoding.entryCount(payload))
        var offset = 0
        while offset < payload.count {
            let length = SnapshotDecoding.length(at: offset, in: payload)
            offset += 4
            let start = offset
            let decoded: Result<SnapshotEntry, RecordCodingError> = payload.withUnsafeBytes { raw in
                Result { () throws(RecordCodingError) in try coding.decodeSnapshotEntry(UnsafeRawBufferPointer(rebasing: raw[start..<(start + length)])) }
            }
            offset += length
            switch consume decoded {
            case .success(let entry): apply(entry)
            case .failure(let error):
                throw RegistryError.dataLoss("snapshot entry at byte \(start) does not decode: \(error)")
            }
        }
    }

    /// Takes the entry over (consumed, its strings and arrays moved, not
    /// retained and released once more per entry).
    private mutating func apply(_ entry: consuming SnapshotEntry) {
        switch consume entry {
        case .counters(let counters):
            nextCaseNumber = counters.nextCaseNumber
            nextFigureNumber = max(1, counters.nextFigureNumber)
        case .rule(let entry):
            guard let rule = entry.rule else { return }
            rules[rule.id] = rule
            recordHistory[RecordKey(kind: .rule, id: rule.id)] = entry.history
        case .list(let entry):
            guard let list = entry.list else { return }
            lists[list.id] = list
            // A list never selected has no versions, and replay keeps no
            // entry for it: neither may the snapshot, or the states differ.
            if !entry.versions.isEmpty { listVersions[list.id] = entry.versions }
            recordHistory[RecordKey(kind: .list, id: list.id)] = entry.history
        case .agreement(let entry):
            guard let agreement = entry.agreement else { return }
            agreements[agreement.id] = agreement
            recordHistory[RecordKey(kind: .agreement, id: agreement.id)] = entry.history
        case .window(let entry):
            guard let window = entry.window else { return }
            windows[window.id] = window
            recordHistory[RecordKey(kind: .window, id: window.id)] = entry.history
        case .movement(let entry):
            guard let movement = entry.movement else { return }
            movements[movement.id] = movement
            recordHistory[RecordKey(kind: .movement, id: movement.id)] = entry.history
        case .figure(let entry):
            guard let figure = entry.figure else { return }
            figures[figure.id] = figure
            recordHistory[RecordKey(kind: .figure, id: figure.id)] = entry.history
        case .party(let entry):
            guard let party = entry.party else { return }
            parties[party.id] = party
            recordHistory[RecordKey(kind: .party, id: party.id)] = entry.history
        case .site(let entry):
            guard let site = entry.site else { return }
            sites[site.id] = site
            recordHistory[RecordKey(kind: .site, id: site.id)] = entry.history
        case .caseEntry(var entry):
            // Moved out of the entry, and the sites interned in place: no copy
            // of the case, and none of the state (`entry.case.map(internedSites)`
            // captured a copy of self for every case).
            var record: Case?
            swap(&record, &entry.case)
            guard var record else { return }
            internSites(&record)
            var personal: CasePersonal?
            swap(&personal, &entry.personal)
            caseTable.load(record, personal: personal, history: entry.history)
        }
    }
}

@testable import CorridorRegistry
import CorridorModel
import CorridorWire
import Testing

// Issue 8: text limits counted grapheme clusters, so one character carrying a
// million combining marks passed a 200-character limit; and a NUL cut text short.

@Suite struct TextLimitTests {
    /// "A" and a million combining acute accents: one character, 2 MB.
    @Test func aNameOfOneCharacterAndTwoMegabytesIsRefusedByItsBytes() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let name = "A" + String(repeating: "\u{301}", count: 1_000_000)
            #expect(name.count == 1)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(), personal: CasePersonal(name: name), actor: registrar)
            }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["personal.name"])
            #expect(refusal?.fieldViolations.first?.reason == "is 2000001 bytes (UTF-8); at most 800")
            #expect(await registry.currentState.cases.isEmpty)
        }
    }

    /// 3.6 MB in 1,000 characters passed the 10,000-character limit of clinical notes.
    @Test func clinicalNotesOfThreeMegabytesAreRefused() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let notes = String(repeating: "a" + String(repeating: "\u{301}", count: 1_800), count: 1_000)
            #expect(notes.count == 1_000)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(), personal: CasePersonal(clinicalNotes: notes), actor: registrar)
            }
            #expect(refusal?.fields == ["personal.clinical_notes"])
            #expect(refusal?.fieldViolations.first?.reason == "is 3601000 bytes (UTF-8); at most 40000")
        }
    }

    /// Up to the limits in characters, text of any script fits the bytes: 200 four-byte characters are 800 bytes.
    @Test func textAtTheCharacterLimitFitsInAnyScript() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            for name in [String(repeating: "ل", count: 200), String(repeating: "😀", count: 200), String(repeating: "n", count: 200)] {
                let view = try await registry.registerCase(World.patient(), personal: CasePersonal(name: name), actor: registrar)
                #expect(view.personal?.name == name)
            }
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.registerCase(World.patient(), personal: CasePersonal(name: String(repeating: "n", count: 201)), actor: registrar)
            }
            #expect(refusal?.fieldViolations.first?.reason == "is 201 characters; at most 200")
        }
    }

    /// Issue 8's repro: "nul1\0x" was stored as "nul1" and then collided with "nul1\0y".
    @Test func aNULInTextIsRefusedNamingTheField() async throws {
        try await withRegistry { registry in
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.registerParty(Party(id: "nul1", shortName: "nul1\0x", fullName: "nul1\0y", kind: .ngo), actor: registrar)
            }
            #expect(refusal?.code == .invalidArgument)
            #expect(refusal?.fields == ["party.short_name", "party.full_name"])
            #expect(refusal?.fieldViolations.first?.reason == "contains a NUL byte (U+0000) at byte 4")
            let id = await #expect(throws: RegistryError.self) {
                try await registry.registerParty(Party(id: "nul1\0x", shortName: "N", kind: .ngo), actor: registrar)
            }
            #expect(id?.fields == ["party.id"])
            #expect(await registry.currentState.parties.isEmpty)
        }
    }

    /// The import re-checks every row with the same limits, naming the row.
    @Test func anImportedRowOverTheByteLimitIsRefusedNamingTheRow() async throws {
        try await withRegistry { registry in
            try await World.seed(registry)
            let name = "A" + String(repeating: "\u{301}", count: 1_000)
            let refusal = await #expect(throws: RegistryError.self) {
                try await registry.importCases([ImportCaseRow(row: 2, case: World.patient(), personal: CasePersonal(name: name))], actor: registrar)
            }
            #expect(refusal?.fields == ["rows[0].personal.name"])
            #expect(refusal?.fieldViolations.first?.reason == "row 2: is 2001 bytes (UTF-8); at most 800")
        }
    }
}

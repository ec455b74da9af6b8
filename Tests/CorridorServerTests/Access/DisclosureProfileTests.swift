import CorridorServer
import Testing

/// Disclosure profiles in the policy file: named sets of disclosable fields,
/// the built-in ones, and every other name refused with its line, diagnoses
/// above all.
@Suite struct DisclosureProfileTests {
    static func parse(_ text: String) throws(AccessPolicyError) -> AccessPolicy {
        try AccessPolicy.parse(Array(text.utf8), source: "test.toml")
    }

    @Test func profilesOfTheFileAndTheBuiltInOnes() throws {
        let policy = try Self.parse("""
            [users]
            amal = "negotiator"

            # What the government's vetting office receives.
            [profiles.gov-vetting]
            fields = ["name", "identity_numbers"]  # no dates of birth
            [profiles.vetting]
            fields = ['name', "sex",]
            """)
        #expect(policy.users == ["amal": .negotiator])
        #expect(policy.disclosureProfile(named: "gov-vetting") == DisclosureProfile(name: "gov-vetting", fields: [.name, .identityNumbers]))
        // The file's vetting replaces the built-in one; counts stays built in.
        #expect(policy.disclosureProfile(named: "vetting")?.orderedFields == [.name, .sex])
        #expect(policy.disclosureProfile(named: "counts")?.fields == [])
        #expect(policy.disclosureProfile(named: "medical") == nil)
        #expect(AccessPolicy.builtInDefault.disclosureProfile(named: "vetting")?.orderedFields == [.name, .dateOfBirth, .identityNumbers, .age, .sex])
    }

    @Test(arguments: [
        ("[profiles.p]\nfields = [\"name\", \"conditions\"]\n", 2, "diagnoses are never disclosable"),
        ("[profiles.p]\nfields = [\"diagnoses\"]\n", 2, "diagnoses are never disclosable"),
        ("[users]\namal = \"admin\"\n[profiles.p]\nfields = [\"clinical_notes\"]\n", 4, "clinical notes are never disclosable"),
        ("[profiles.p]\nfields = [\"needs\"]\n", 2, "never disclosable"),
        ("[profiles.p]\nfields = [\"contacts\"]\n", 2, "never disclosable"),
        ("[profiles.p]\nfields = [\"surname\"]\n", 2, "\"surname\" is not a disclosable field; the disclosable fields are name, date_of_birth, identity_numbers, age, sex"),
        ("[profiles.p]\nfields = \"name\"\n", 2, "must be a list of fields in quotes"),
        ("[profiles.p]\nfield = [\"name\"]\n", 2, "unknown key; a profile has only `fields`"),
        ("[profiles]\np = \"name\"\n", 2, "must be a table [profiles.p]"),
        ("[profiles.p]\nfields = [\"name\"\n", 2, "a list of fields in quotes, on one line"),
        ("[profiles.p]\nfields = [name]\n", 2, "a list of fields in quotes, on one line"),
    ])
    func badProfilesAreRefusedWithLineAndReason(text: String, line: Int, reason: String) {
        do {
            let policy = try Self.parse(text)
            Issue.record("accepted: \(policy)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.reason.contains(reason), "\(error)")
        }
    }
}

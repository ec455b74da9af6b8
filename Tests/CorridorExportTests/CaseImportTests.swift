import CorridorExport
import CorridorModel
import CorridorTestSupport
import CorridorWire
import Testing

@Suite struct CaseImportTests {
    static func parse(_ text: String, ignoreUnknown: Bool = false) -> CaseCSVImport.Parsed {
        CaseCSVImport.parse(Array(text.utf8), ignoreUnknownColumns: ignoreUnknown)
    }

    @Test func aPlainFileGivesOneRowPerCaseWithBothParts() throws {
        let parsed = Self.parse("""
        case_id,site,age_years,age_months,sex,precedence,conditions,needs,consent,pregnant,companions,name,date_of_birth,phone,id_number,clinical_notes
        msf-1,douma-hospital,,6,f,urgent,heart_disease blood_disease,oxygen,yes,,,Layla H.,2026-05-09,+963 11 1; +963 11 2,NID-1,"oxygen, nights"
        ,douma-hospital,29,,Female,URGENT_SURGICAL,"cancer,trauma",,1,yes,msf-1,,,,,

        """)
        #expect(parsed.problems == [])
        #expect(parsed.rows.count == 2)
        let first = try #require(parsed.rows.first)
        #expect(first.row == 2)
        #expect(first.case == Case(id: "msf-1", siteID: "douma-hospital", ageMonths: 6, sex: .female, precedence: .urgent,
                                   conditions: [.heartDisease, .bloodDisease], needs: [.oxygen], consentGiven: true, status: .unspecified))
        #expect(first.personal == CasePersonal(name: "Layla H.", dateOfBirth: "2026-05-09", contacts: ["+963 11 1", "+963 11 2"], identityNumbers: ["NID-1"], clinicalNotes: "oxygen, nights"))
        let second = parsed.rows[1]
        #expect(second.row == 3)
        #expect(second.case?.ageMonths == 348)
        #expect(second.case?.precedence == .urgentSurgical)
        #expect(second.case?.conditions == [.cancer, .trauma])
        #expect(second.case?.pregnant == true)
        #expect(second.case?.companionIDs == ["msf-1"])
        #expect(second.personal == nil)
    }

    @Test func koboGroupPrefixesSemicolonsAndSplitSelectMultipleColumnsAreUnderstood() throws {
        // KoBo's default CSV export: ';' separated, group paths, the
        // select_multiple both as one column and as 0/1 columns, metadata columns.
        let parsed = Self.parse("""
        \u{FEFF}start;end;group_patient/site;group_patient/age_years;group_patient/sex;group_triage/precedence;group_triage/conditions;group_triage/conditions/cancer;group_triage/conditions/trauma;group_triage/needs/stretcher;group_consent/consent;meta/instanceID;_id;_uuid;_submission_time;_index
        2026-11-20T09:00:00.000+02:00;2026-11-20T09:05:00.000+02:00;douma;40;male;priority;cancer;1;0;1;yes;uuid:abc;17;abc;2026-11-20T07:05:00;1
        """)
        #expect(parsed.problems == [])
        let row = try #require(parsed.rows.first)
        #expect(row.row == 2)
        #expect(row.case?.siteID == "douma")
        #expect(row.case?.ageMonths == 480)
        #expect(row.case?.sex == .male)
        #expect(row.case?.precedence == .priority)
        #expect(row.case?.conditions == [.cancer])
        #expect(row.case?.needs == [.stretcher])
        #expect(row.case?.consentGiven == true)
    }

    @Test func everyBadCellIsAProblemNamingItsRowAndColumn() {
        let parsed = Self.parse("""
        site,age_years,sex,precedence,conditions,consent
        douma,40,m,urgent,,yes
        douma,forty,x,soon,flu cancer,maybe
        "douma
        hospital",200,f,routine,,no
        ,3,f,routine,,
        """)
        #expect(parsed.problems.map(\.description) == [
            "row 3: age_years: \"forty\" is not a whole number of years from 0 to 130",
            "row 3: sex: \"x\" is not female, male, f or m",
            "row 3: precedence: \"soon\" is not one of urgent, urgent_surgical, priority, routine",
            "row 3: conditions: \"flu\" is not one of cancer, kidney_failure, heart_disease, blood_disease, needs_surgery, trauma, malnutrition, other",
            "row 3: consent: \"maybe\" is not yes/no, true/false or 1/0",
            "row 4: age_years: \"200\" is not a whole number of years from 0 to 130",
            "row 5: consent: is required: yes or no",
        ])
    }

    @Test func unknownAndMissingColumnsAreProblemsOfRowOne() {
        let parsed = Self.parse("site,age_years,sex,diagnosis,consent\ndouma,4,f,flu,yes\n")
        #expect(parsed.problems.map(\.description) == [
            "row 1: diagnosis: not a column the import knows (see `corridorctl import cases --help`; --ignore-unknown-columns skips such columns)",
            "row 1: precedence: the column is missing",
        ])
        let ignoring = Self.parse("site,age_years,sex,diagnosis,consent,precedence\ndouma,4,f,flu,yes,routine\n", ignoreUnknown: true)
        #expect(ignoring.problems == [])
        #expect(ignoring.rows.count == 1)
    }

    @Test func aBrokenFileIsOneProblemWithItsRow() {
        let parsed = Self.parse("site,age_years,sex,precedence,consent\ndouma,4,f,routine,yes\ndouma,\"5,f,routine,yes\n")
        #expect(parsed.problems.map(\.description) == ["row 3: field 2: a quoted field is not closed before the end of the file"])
        #expect(Self.parse("").problems.map(\.description) == ["row 1: the file is empty; the first row must name the columns"])
        #expect(Self.parse("site,age_years,sex,precedence,consent\n").problems.map(\.description) == ["row 2: the file has a header but no cases"])
    }

    /// Issue 8: a NUL in a cell cut the value short on its way to the
    /// registry ("nul1\0x" became "nul1"); invalid UTF-8 ended the whole file
    /// without naming the column. Each is now a problem of its row and column.
    @Test func aNULOrInvalidUTF8InACellIsAProblemNamingItsRowAndColumn() {
        let header = Array("site,age_years,sex,precedence,consent,name,_uuid\n".utf8)
        let rows = Array("douma,4,f,routine,yes,nul1\u{0}x,u1\n".utf8)
            + Array("douma,4,f,routine,yes,".utf8) + [0x4C, 0xE9, 0x61] + Array(",u2\n".utf8)
            + Array("douma,4,f,".utf8) + [0xC0, 0xAF] + Array(",yes,Rima,u3\n".utf8)
            // An ignored metadata column is never sent: its bytes do not matter.
            + Array("douma,4,f,routine,yes,Ok,".utf8) + [0xFF, 0x00] + Array("\n".utf8)
        let parsed = CaseCSVImport.parse(header + rows)
        #expect(parsed.problems.map(\.description) == [
            "row 2: name: contains a NUL byte (U+0000) at byte 4",
            "row 3: name: is not valid UTF-8 (save the file as UTF-8 CSV)",
            "row 4: precedence: is not valid UTF-8 (save the file as UTF-8 CSV)",
            "row 4: precedence: is required: urgent, urgent_surgical, priority, routine",
        ])
        #expect(parsed.rows.count == 4, "every row is read, so every problem is found at once")
        let badHeader = CaseCSVImport.parse(Array("site,age_years,sex,precedence,consent,".utf8) + [0xFE] + Array("\ndouma,4,f,routine,yes,x\n".utf8), ignoreUnknownColumns: true)
        #expect(badHeader.problems.map(\.description) == ["row 1: the name of column 6 is not valid UTF-8 (save the file as UTF-8 CSV)"])
    }

    /// The registry's byte limits, said by the import with the row and column.
    @Test func aCellOverTheByteLimitIsAProblemNamingItsRowAndColumn() {
        let heavy = "A" + String(repeating: "\u{301}", count: 1_000)
        let notes = String(repeating: "a" + String(repeating: "\u{301}", count: 1_800), count: 12)
        let parsed = Self.parse("""
        site,age_years,sex,precedence,consent,name,phone,clinical_notes
        douma,4,f,routine,yes,\(heavy),+963 1; \(heavy),\(notes)
        douma,4,f,routine,yes,\(String(repeating: "n", count: 201)),,ok

        """)
        #expect(parsed.problems.map(\.description) == [
            "row 2: name: is 2001 bytes (UTF-8); at most 800",
            "row 2: clinical_notes: is 43212 bytes (UTF-8); at most 40000",
            "row 2: phone: is 2001 bytes (UTF-8); at most 800",
            "row 3: name: is 201 characters; at most 200",
        ])
    }

    /// Any bytes at all, a header followed by noise or noise alone: problems
    /// or rows, never a trap. Seeded, so a failure reproduces.
    @Test func arbitraryBytesNeverTrap() {
        var generator = SeededGenerator(seed: 8)
        func next() -> UInt64 { generator.next() }
        // Bytes that matter to the reader and to UTF-8, more often than chance would pick them.
        let interesting: [UInt8] = [0x00, 0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x20, 0x80, 0xC0, 0xE2, 0xED, 0xEF, 0xBB, 0xBF, 0xF0, 0xFE, 0xFF, 0x31, 0x61]
        let header = Array("site,age_years,sex,precedence,consent,name,phone,date_of_birth,conditions/cancer\n".utf8)
        for round in 0..<2_000 {
            let count = Int(next() % 200)
            let noise = (0..<count).map { _ in next() % 2 == 0 ? interesting[Int(next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: next()) }
            let parsed = CaseCSVImport.parse(round % 2 == 0 ? header + noise : noise)
            #expect(parsed.rows.count == parsed.dataRows)
        }
    }

    @Test func theRegistrysFieldViolationsBecomeRowsAndColumnsOfTheFile() {
        let rows = [ImportCaseRow(row: 2), ImportCaseRow(row: 5)]
        let problems = CaseCSVImport.problems(from: [
            FieldViolation(field: "rows[1].case.age_months", reason: "row 5: 2000 is more than 1560 (130 years)"),
            FieldViolation(field: "rows[0].personal.identity_numbers[0]", reason: "row 2: duplicate: the identity number \"N-1\" is already case C-000003"),
            FieldViolation(field: "rows[1].case.site_id", reason: "row 5: no site with id \"x\""),
        ], rows: rows, columnsFound: ["site", "age_years"])
        #expect(problems.map(\.description) == [
            "row 5: age_years: 2000 is more than 1560 (130 years)",
            "row 2: id_number: duplicate: the identity number \"N-1\" is already case C-000003",
            "row 5: site: no site with id \"x\"",
        ])
    }
}

/// Historical intake: the day the field registered each person, from the
/// file's own date column (a KoBo date, or a date and time), as
/// `field_registered_on`.
@Suite struct FieldRegistrationImportTests {
    @Test func theFieldsDateIsReadFromItsColumnOrAnAlias() throws {
        let parsed = CaseImportTests.parse("""
        group_intake/registration_date;site;age_years;sex;precedence;consent;start
        2026-10-02;douma-hospital;40;f;routine;yes;2026-11-20T09:00:00.000+03:00
        2026-10-05T18:30:00.000+03:00;douma-hospital;41;m;routine;yes;2026-11-20T09:05:00.000+03:00
        ;douma-hospital;42;m;routine;yes;2026-11-20T09:10:00.000+03:00

        """)
        #expect(parsed.problems == [])
        #expect(parsed.columnsFound.contains("registered_on"))
        // The KoBo start time is when the list was typed in, not the field's day.
        #expect(parsed.rows.map { $0.case?.fieldRegisteredOn } == ["2026-10-02", "2026-10-05", ""])
    }

    @Test func aRegistryRefusalOfTheDateIsShownInItsColumn() {
        let rows = [ImportCaseRow(row: 4)]
        let problems = CaseCSVImport.problems(
            from: [FieldViolation(field: "rows[0].case.field_registered_on", reason: "row 4: is 2031-01-01, after today")],
            rows: rows, columnsFound: ["registered_on"]
        )
        #expect(problems == [ImportProblem(row: 4, column: "registered_on", message: "is 2031-01-01, after today")])
    }
}

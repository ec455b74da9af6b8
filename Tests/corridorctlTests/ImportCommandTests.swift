import CorridorTestSupport
import Foundation
import Testing

/// A file in the server's temporary directory.
private func write(_ text: String, named name: String, in server: InProcessServer) throws -> String {
    let path = server.directory + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// A server with the site the files below name.
private func serverWithSite() async throws -> InProcessServer {
    let server = try await InProcessServer.startWithRegistry()
    let site = try await Corridorctl.run(["site", "add", "douma-hospital", "--name", "Douma Hospital", "--kind", "hospital", "--socket", server.socketPath])
    #expect(site.status == 0, "\(site.stderr)")
    return server
}

/// A KoBo export: ';' separated, a byte order mark, group prefixes, metadata
/// columns. Birth dates agree with the ages today, as the registry requires.
private var koboFile: String { """
\u{FEFF}start;group_patient/case_id;group_patient/site;group_patient/age_years;group_patient/age_months;group_patient/sex;group_triage/precedence;group_triage/conditions;group_triage/needs;group_consent/consent;group_personal/name;group_personal/date_of_birth;group_personal/id_number;_id;_uuid
2026-11-20T09:00:00.000+02:00;;douma-hospital;;6;f;urgent;heart_disease;oxygen incubator;yes;Layla H.;\(bornAged(months: 6));NID-1;1;u1
2026-11-20T09:10:00.000+02:00;msf-2;douma-hospital;31;;female;priority;;;1;"Rima H.; mother";\(bornAged(months: 31 * 12 + 2));NID-2;2;u2

""" }

@Suite struct ImportCommandTests {
    @Test func aDryRunPrintsWhatWouldBeImportedAndRecordsNothing() async throws {
        let server = try await serverWithSite()
        let file = try write(koboFile, named: "kobo.csv", in: server)
        let dry = try await Corridorctl.run(["import", "cases", file, "--dry-run", "--socket", server.socketPath])
        let listed = try await Corridorctl.run(["case", "list", "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("2 cases would be imported (dry run: nothing was recorded)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("C-000001"))
        #expect(dry.stdout.contains("msf-2"))
        // proto3 JSON: a total of 0 is left out (cli.proto's CaseListPage).
        let page = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any], "\(listed.stdout)")
        #expect(page["total"] == nil && page["cases"] == nil, "\(listed.stdout)")
    }

    @Test func anImportRegistersEveryRow() async throws {
        let server = try await serverWithSite()
        let file = try write(koboFile, named: "kobo.csv", in: server)
        let run = try await Corridorctl.run(["import", "cases", file, "--json", "--socket", server.socketPath])
        let shown = try await Corridorctl.run(["case", "show", "C-000001", "--json", "--socket", server.socketPath])
        let history = try await Corridorctl.run(["history", "C-000001", "--socket", server.socketPath])
        let again = try await Corridorctl.run(["import", "cases", file, "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let cases = try #require(object["cases"] as? [[String: Any]])
        #expect(cases.map { $0["caseId"] as? String } == ["C-000001", "msf-2"])
        #expect(cases.map { $0["row"] as? Int } == [2, 3])
        let view = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any], "\(shown.stdout)")
        #expect((view["case"] as? [String: Any])?["ageMonths"] as? Int == 6, "\(shown.stdout)")
        #expect(shown.stdout.contains("Layla H."))
        #expect(history.stdout.contains("imported from kobo.csv"), "\(history.stdout)")
        // The same file again: every row is a duplicate, nothing is imported.
        #expect(again.status == 6, "ALREADY_EXISTS")
        #expect(again.stderr.contains("row 3: case_id: duplicate: the id \"msf-2\" is already case msf-2"), "\(again.stderr)")
        #expect(again.stderr.contains("row 2: id_number: duplicate: the identity number \"NID-1\" is already case C-000001"), "\(again.stderr)")
        #expect(again.stderr.contains("nothing was imported"))
    }

    @Test func badRowsArePrintedByRowAndNothingIsSent() async throws {
        let server = try await serverWithSite()
        let file = try write("""
        site,age_years,sex,precedence,consent
        douma-hospital,40,m,urgent,yes
        douma-hospital,forty,m,urgent,yes
        douma-hospital,4,x,urgent,perhaps

        """, named: "bad.csv", in: server)
        let run = try await Corridorctl.run(["import", "cases", file, "--socket", server.socketPath])
        let listed = try await Corridorctl.run(["case", "list", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 3, "INVALID_ARGUMENT")
        #expect(run.stderr == """
        row 3: age_years: "forty" is not a whole number of years from 0 to 130
        row 4: consent: "perhaps" is not yes/no, true/false or 1/0
        row 4: sex: "x" is not female, male, f or m
        3 problems in 2 rows; nothing was imported.

        """)
        #expect(listed.stdout.contains("0 of 0"), "\(listed.stdout)")
    }

    @Test func rowsTheRegistryRefusesArePrintedByRowAndColumn() async throws {
        let server = try await serverWithSite()
        let file = try write("""
        site,age_months,sex,precedence,consent,date_of_birth,companions
        douma-hospital,7,f,routine,yes,2026-04-01,
        nowhere,20,m,routine,no,2026-02-30,ghost

        """, named: "refused.csv", in: server)
        let run = try await Corridorctl.run(["import", "cases", file, "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 3, "INVALID_ARGUMENT")
        #expect(run.stderr.contains("row 3: site: no site with id \"nowhere\""), "\(run.stderr)")
        #expect(run.stderr.contains("row 3: companions: no case with id \"ghost\""), "\(run.stderr)")
        #expect(run.stderr.contains("row 3: date_of_birth: \"2026-02-30\" is not a date in the form YYYY-MM-DD"), "\(run.stderr)")
        #expect(run.stderr.contains("found by the registry"), "\(run.stderr)")
    }

    /// With --json the rows at fault are one CliError, each row and column a field.
    @Test func badRowsWithJSONAreOneCliErrorNamingRowAndColumn() async throws {
        let server = try await serverWithSite()
        let file = try write("""
        site,age_years,sex,precedence,consent
        douma-hospital,forty,m,urgent,yes

        """, named: "bad.csv", in: server)
        let run = try await Corridorctl.run(["import", "cases", file, "--json", "--socket", server.socketPath])
        await server.stop()
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(object["code"] as? String == "INVALID_ARGUMENT")
        #expect(object["message"] as? String == "1 problem in 1 row; nothing was imported.")
        let violations = try #require(object["fieldViolations"] as? [[String: Any]])
        #expect(violations.map { $0["field"] as? String } == ["rows[2].age_years"], "\(run.stderr)")
        #expect((violations.first?["description"] as? String)?.contains("\"forty\" is not a whole number") == true, "\(run.stderr)")
    }

    @Test func helpDocumentsTheColumns() async throws {
        let run = try await Corridorctl.run(["import", "cases", "--help"])
        #expect(run.status == 0)
        for column in ["case_id", "site", "age_years", "age_months", "sex", "precedence", "conditions", "needs", "consent", "pregnant", "companions", "name", "date_of_birth", "phone", "id_number", "clinical_notes", "--dry-run"] {
            #expect(run.stdout.contains(column), "\(column) is not in the help")
        }
    }
}

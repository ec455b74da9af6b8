import CorridorExport
import FuzzSupport

// The CSV case import over arbitrary bytes: every file gives rows or
// problems, never a crash. Both column policies, since unknown columns take
// a path of their own.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaseImport(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    for ignoreUnknown in [false, true] {
        let parsed = CaseCSVImport.parse(bytes, ignoreUnknownColumns: ignoreUnknown)
        for row in parsed.rows { _ = row.case }
        for problem in parsed.problems { _ = problem.description }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzSeeds.writeIfAsked {
        let plain = """
        case_id,site,age_years,age_months,sex,precedence,conditions,needs,consent,pregnant,companions,name,date_of_birth,phone,id_number,clinical_notes
        msf-1,douma-hospital,,6,f,urgent,heart_disease blood_disease,oxygen,yes,,,Layla H.,2026-05-09,+963 11 1; +963 11 2,NID-1,"oxygen, nights"
        ,douma-hospital,29,,Female,URGENT_SURGICAL,"cancer,trauma",,1,yes,msf-1,,,,,

        """
        let kobo = """
        \u{FEFF}start;end;group_patient/site;group_patient/age_years;group_patient/sex;group_triage/precedence;group_triage/conditions;group_triage/conditions/cancer;group_triage/conditions/trauma;group_triage/needs/stretcher;group_consent/consent;meta/instanceID;_id;_uuid;_submission_time;_index
        2026-11-20T09:00:00.000+02:00;2026-11-20T09:05:00.000+02:00;douma;40;male;priority;cancer;1;0;1;yes;uuid:abc;17;abc;2026-11-20T07:05:00;1
        """
        let problems = """
        site,age_years,sex,precedence,conditions,consent
        douma,40,m,urgent,,yes
        douma,forty,x,soon,flu cancer,maybe
        "douma
        hospital",200,f,routine,,no
        """
        let everyColumn = CaseCSVImport.columns.map(\.name).joined(separator: ",") + "\n"
            + CaseCSVImport.columns.map { _ in "1" }.joined(separator: ",") + "\n"
        return [
            ("plain.csv", Array(plain.utf8)),
            ("kobo.csv", Array(kobo.utf8)),
            ("problems.csv", Array(problems.utf8)),
            ("every-column.csv", Array(everyColumn.utf8)),
        ]
    }
    return 0
}

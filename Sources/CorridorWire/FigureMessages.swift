import CorridorModel

// Requests and responses of proto/corridor/v1/figures.proto.

public struct ReportFigureRequest: ProtobufMessage, Hashable {
    public var figure: Figure?

    public init(figure: Figure? = nil) {
        self.figure = figure
    }
}

public struct ListFiguresRequest: ProtobufMessage, Hashable {
    public var subjectKind: Figure.SubjectKind
    public var subjectID: String
    public var measure: Figure.Measure

    public init(subjectKind: Figure.SubjectKind = .unspecified, subjectID: String = "", measure: Figure.Measure = .unspecified) {
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.measure = measure
    }
}

public struct ListFiguresResponse: ProtobufMessage, Hashable {
    public var figures: [Figure]

    public init(figures: [Figure] = []) {
        self.figures = figures
    }
}

public struct CompareFiguresRequest: ProtobufMessage, Hashable {
    public var subjectID: String
    public var measure: Figure.Measure

    public init(subjectID: String = "", measure: Figure.Measure = .unspecified) {
        self.subjectID = subjectID
        self.measure = measure
    }
}


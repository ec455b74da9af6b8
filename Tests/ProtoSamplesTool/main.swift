import CorridorProtoSamples
import CorridorWire

// corridor-proto-samples: the generated code's samples for checks outside
// Swift (Tests/Interop/json_check.py compares them with Google's protobuf).
//
//   corridor-proto-samples            one JSON line per sample:
//       {"type": "corridor.v1.Case", "binary": "<hex>", "json": "<compact proto3 JSON>"}
//   corridor-proto-samples --from-json
//       reads lines {"type": ..., "json": "<proto3 JSON text>"} on stdin and
//       answers each with {"binary": "<hex>"} or {"error": "<why>"}
//
// A test-support tool, not installed: it lives under Tests/.

func line(_ members: [ProtoJSON.Member]) {
    print(ProtoJSON.object(members).text())
}

func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] })
}

func fromJSON(_ type: any ProtoMessage.Type, _ text: String) -> ProtoJSON.Member {
    func decode<Message: ProtoMessage>(_ type: Message.Type) -> ProtoJSON.Member {
        do {
            let message = try Message(jsonText: text)
            return ProtoJSON.Member("binary", .string(hex(message.serializedBytes())))
        } catch {
            return ProtoJSON.Member("error", .string(error.description))
        }
    }
    return decode(type)
}

if CommandLine.arguments.dropFirst().first == "--from-json" {
    while let input = readLine(strippingNewline: true) {
        guard let request = try? ProtoJSON(parsing: input),
              case .string(let name)? = request["type"], case .string(let text)? = request["json"],
              let set = ProtoSamples.set(named: name)
        else {
            line([ProtoJSON.Member("error", .string("expected {\"type\": <a generated message>, \"json\": <text>}"))])
            continue
        }
        line([fromJSON(set.type, text)])
    }
} else {
    for set in ProtoSamples.all {
        for sample in set.samples {
            line([
                ProtoJSON.Member("type", .string(set.messageName)),
                ProtoJSON.Member("binary", .string(hex(sample.serializedBytes()))),
                ProtoJSON.Member("json", .string(sample.jsonText())),
            ])
        }
    }
}

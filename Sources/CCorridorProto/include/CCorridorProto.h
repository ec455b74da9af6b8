// The protoc-c output for every file in proto/, plus the few helpers Swift
// cannot get from it directly. Only CorridorWire imports this module.
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <protobuf-c/protobuf-c.h>
#include "CCorridorProtoGenerated.h"

// protoc-c exposes a message's base as its first member; Swift sees the member
// but cannot take its address without a shim. Every generated message starts
// with ProtobufCMessage, so this cast is what protobuf-c itself does.
static inline const ProtobufCMessage *ccorridorproto_message_base(const void *message) {
  return (const ProtobufCMessage *)message;
}

// Packs any generated message into `out`, which must hold
// protobuf_c_message_get_packed_size bytes. Returns the bytes written.
static inline size_t ccorridorproto_pack(const void *message, void *out) {
  return protobuf_c_message_pack((const ProtobufCMessage *)message, (uint8_t *)out);
}


static inline void ccorridorproto_free(void *message) {
  protobuf_c_message_free_unpacked((ProtobufCMessage *)message, NULL);
}

// protoc-c's output for the generator's collision proto
// (Tests/GeneratorCollisions): only CorridorWireTests imports this module.
#pragma once

#include <protobuf-c/protobuf-c.h>
#include "corridor/testing/collisions.pb-c.h"

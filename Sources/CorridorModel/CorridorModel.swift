// The domain's plain values and rules arrive with the registry (issue 4); the
// module exists now so that the dependency graph has its final shape.

package a

import "context"

// A test builds a Server around a context of its own; the package's own
// stores still decide that Server.ctx is its lifetime.
func buildForTest(ctx context.Context) *Server {
	return &Server{ctx: ctx}
}

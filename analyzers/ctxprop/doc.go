// Package ctxprop defines an Analyzer that reports a function that has a
// context but does not pass it on.
//
// # Analyzer ctxprop
//
// ctxprop: report a context in scope that is not passed on
//
// A function that receives a context.Context is asked to stop when that
// context is cancelled or its deadline passes. Work it starts with a fresh
// context.Background() or context.TODO(), or through an API that takes no
// context when a context-taking twin exists, goes on after the caller has
// given up: requests pile up, shutdowns hang, deadlines are not honoured.
//
//	func (s *Server) lookup(ctx context.Context, id string) (*User, error) {
//		req, err := http.NewRequest("GET", s.url+id, nil) // no ctx
//		...
//		rows, err := s.db.QueryContext(context.Background(), q, id) // drops ctx
//
// The fix is to pass the context on:
//
//	req, err := http.NewRequestWithContext(ctx, "GET", s.url+id, nil)
//	rows, err := s.db.QueryContext(ctx, q, id)
//
// In a function with a context parameter (or a function literal that runs
// then and there inside one: called on the spot or started with go),
// ctxprop reports:
//
//   - context.Background() and context.TODO();
//   - a call of a function or method F whose package or receiver also has
//     FContext or FWithContext taking a context.Context followed by exactly
//     F's parameters, with the same results (http.NewRequest,
//     exec.Command, (*sql.DB).Query, and any third-party API of that
//     shape, found from the types), and net.Dial, whose twin is
//     (*net.Dialer).DialContext;
//   - a goroutine started there that detaches with context.Background()
//     although the function waits for it afterwards: rarely deliberate, and
//     when it is, context.WithoutCancel(ctx) says so.
//
// It stays silent in main, init, test files and generated files, in
// functions without a context parameter, under defer (cleanup that must
// run after the context is cancelled), and in function literals that are
// stored or passed on rather than run (callbacks run later, when the
// context may be gone). It also stays silent for Background compared with
// == (a sentinel), assigned to the context itself (a nil default) or
// returned (a function that chooses the context); for a twin call whose
// result is later given a context (req.WithContext(ctx)) or passed to
// another function; for a twin call in a goroutine raced against
// ctx.Done(); and for a goroutine that nothing waits for.
//
// The suggested fixes replace context.Background()/TODO() with the
// context, and rewrite F(args) to FContext(ctx, args); they are not
// offered inside goroutines, nor where the context's name is shadowed.
//
// Measured at 45% precision on nine real modules (deliberate detaches
// written before context.WithoutCancel existed are the bulk of the rest),
// ctxprop does not run by default; enable it with -ctxprop.
package ctxprop

// Package ctxfield defines an Analyzer that reports a context.Context
// stored in a struct field, a package variable or a long-lived map.
//
// # Analyzer ctxfield
//
// ctxfield: report a context.Context stored in a struct, a package variable or a long-lived map
//
// A context belongs to one call: its cancellation, deadline and values
// describe that call. Stored in a struct, it is used by every later method
// call, long after the caller that supplied it has returned or been
// cancelled, and the methods cannot be given a context of their own. The
// context package's documentation says: do not store Contexts inside a
// struct type; pass a Context explicitly to each function that needs it.
//
//	type Client struct {
//		ctx  context.Context // every request uses the constructor's context
//		addr string
//	}
//
// The fix is to pass the context to the methods:
//
//	func (c *Client) Get(ctx context.Context, key string) ([]byte, error)
//
// ctxfield reports context fields of named struct types, and assignments
// of a context to a package variable, to a field of a type declared in
// another package, or to an element of a map held in a package variable
// or a field. It stays silent for struct types that are themselves
// contexts (they embed one or have its methods), for a field that holds
// the struct's own lifetime (every value stored in it is made by
// context.WithCancel, WithTimeout or WithDeadline together with a cancel
// function that the struct keeps and the package calls, as in Close), in
// test files and in generated files.
//
// The Go team accepts one exception that ctxfield cannot tell apart: a
// struct that represents a single request, stream or operation may keep
// that operation's context (http.Request does). Measured on real code,
// most reported fields are of that kind, so ctxfield does not run by
// default; enable it with -ctxfield.
package ctxfield

// Package ctxfirst defines an Analyzer that reports a context.Context
// parameter that is not the first parameter of its function.
//
// # Analyzer ctxfirst
//
// ctxfirst: report a context.Context parameter that is not first, or a second context parameter
//
// The Go convention, stated in the context package's documentation, is that
// a function that takes a context takes it as its first parameter, usually
// named ctx. Callers, reviewers and tools (ctxprop, contextcheck, IDEs that
// thread contexts) rely on it; a context in the middle of a parameter list
// is easy to pass wrongly and hard to spot.
//
//	func fetch(id string, ctx context.Context) error // ctx should come first
//
// The fix is to move it first:
//
//	func fetch(ctx context.Context, id string) error
//
// ctxfirst checks function and method declarations, interface methods,
// named function types and function literals that declare their own type
// (f := func(...)). It accepts testing handles before the context
// (func helper(t *testing.T, ctx context.Context), or an assertion
// library's TestingT interface), the widely used exception. It stays silent for a method whose name and signature match a
// method of an interface declared in the package or a package it imports
// (the interface dictates the order and is reported where it is declared),
// for a function literal whose type is imposed by where it goes, for a
// function type whose first parameter is a type of the package with
// methods (the shape of a method expression, (*Client).Get), and in
// generated files. A function that takes two contexts is reported once, at
// the second.
//
// The suggested fix reorders the parameter and every call site, and is
// offered only for an unexported function or method (of an unexported
// type) whose every use is a plain call in the package, when the moved
// argument is a variable or field (so evaluating it first changes nothing)
// and no comment sits inside the lists being rewritten.
package ctxfirst

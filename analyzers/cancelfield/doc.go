// Package cancelfield defines an Analyzer that reports a context's cancel
// function kept in a struct field or package variable that no code ever
// calls.
//
// # Analyzer cancelfield
//
// cancelfield: report a CancelFunc stored in a field or package variable that nothing calls
//
// context.WithCancel, WithTimeout and WithDeadline return a cancel function
// that releases the context's resources: its entry in the parent's list of
// children and, for a timeout, its timer. go vet's lostcancel checks the
// cancel functions kept in local variables. One kept in a struct field or
// a package variable is out of its sight, and when no code ever calls it,
// the context lives until its parent is cancelled — for a background
// parent, for the whole process:
//
//	func (w *Worker) Start() {
//		w.ctx, w.cancel = context.WithCancel(context.Background()) // w.cancel is never called
//		go w.run(w.ctx)
//	}
//
// The fix is to call it where the value shuts down (Stop, Close), or with
// defer where the context's work ends.
//
// cancelfield reports the assignment of the cancel function to an
// unexported field or package variable when no code of the package calls
// it. It stays silent when the field is exported, or is read otherwise
// than by a call (passed, returned, copied, compared): it may be called
// elsewhere. A field of a struct held by value (an embedded base type)
// counts as called when that struct's own methods call it.
//
// It also reports a cancel function stored in an unexported field of a
// value the function made itself (c := &client{cancel: cancel}, or
// c.ctx, c.cancel = context.WithCancel(…) after c := &client{}), when a
// path from the store reaches a return that drops the value — a
// constructor's error return — without calling the cancel function or
// handing the value on (a method call, passing, storing or returning it)
// and with no defer that mentions either: the cancel function is lost on
// that path. go vet's lostcancel counts the store as a use of the local
// cancel variable.
package cancelfield

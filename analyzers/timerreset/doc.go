// Package timerreset defines an Analyzer that reports misuse of
// time.Timer's Stop, Reset and channel drain, judged by the timer semantics
// of the module's Go version.
//
// # Analyzer timerreset
//
// timerreset: report Stop, Reset and drain misuse of a time.Timer
//
// Before Go 1.23 a timer's channel had a one-value buffer: a timer that
// fired while nobody was receiving kept its value in t.C, so the
// documented way to stop or re-arm a timer whose value might not have been
// received was to drain it first:
//
//	if !t.Stop() {
//		<-t.C
//	}
//	t.Reset(d)
//
// From Go 1.23 timer channels are synchronous: Stop and Reset never leave a
// stale value, and Stop returns false only when the value was already
// received or the timer already stopped. timerreset reports:
//
//   - in a module whose go line is 1.23 or later, the drain idiom itself:
//     the receive can only run when nothing will ever arrive, so it is dead
//     code at best and a goroutine blocked forever at worst; the fix keeps
//     t.Stop() and deletes the drain;
//   - under every version, a drain (if !t.Stop() { <-t.C }) after t.C has
//     already been received from on the way to it with no Reset in between
//     (in the same select case, or earlier in the same block): Stop returns
//     false and the receive blocks forever;
//   - under every version, t.Stop() whose result is ignored followed by an
//     unconditional <-t.C: if the timer had not fired, and always from Go
//     1.23, the receive blocks forever;
//   - before Go 1.23, t.Reset(d) in one case of a select that a loop
//     re-enters while another case receives from t.C, with no Stop and
//     drain first: if the timer fired while this case was chosen, its value
//     is still in t.C and the next select times out at once.
//
// It says nothing about timers made by time.AfterFunc, whose Stop and Reset
// race with the function they run: whether the code relies on that
// function not running is not visible in the code.
package timerreset

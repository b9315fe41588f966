// Package analyzers is the concvet suite: every analyzer, in the order the
// documentation lists them, with its metadata: category, whether it runs by
// default, its fixes, the release that added it and its precision measured
// on real code. The concvet command and the golangci-lint plugin read this
// one list, and `go generate ./...` writes from it (and from each
// analyzer's Doc) the README's analyzer table, the metadata section of each
// docs/NAME.md and the summary table of docs/precision.md.
package analyzers

//go:generate go run github.com/concvet/concvet/internal/cmd/gendocs -root ..

import (
	"fmt"
	"math"

	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers/abandonedsend"
	"github.com/concvet/concvet/analyzers/busyloop"
	"github.com/concvet/concvet/analyzers/cancelfield"
	"github.com/concvet/concvet/analyzers/closerecv"
	"github.com/concvet/concvet/analyzers/condwait"
	"github.com/concvet/concvet/analyzers/ctxfield"
	"github.com/concvet/concvet/analyzers/ctxfirst"
	"github.com/concvet/concvet/analyzers/ctxprop"
	"github.com/concvet/concvet/analyzers/doubleclose"
	"github.com/concvet/concvet/analyzers/doublelock"
	"github.com/concvet/concvet/analyzers/errgroupctx"
	"github.com/concvet/concvet/analyzers/goleak"
	"github.com/concvet/concvet/analyzers/ignorecheck"
	"github.com/concvet/concvet/analyzers/iodeadline"
	"github.com/concvet/concvet/analyzers/lockblock"
	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/analyzers/lockorder"
	"github.com/concvet/concvet/analyzers/nilchan"
	"github.com/concvet/concvet/analyzers/racewrite"
	"github.com/concvet/concvet/analyzers/tickerstop"
	"github.com/concvet/concvet/analyzers/timeafterloop"
	"github.com/concvet/concvet/analyzers/timerreset"
	"github.com/concvet/concvet/analyzers/unboundedgo"
	"github.com/concvet/concvet/analyzers/wgadd"
	"github.com/concvet/concvet/analyzers/wgdone"
	"github.com/concvet/concvet/internal/severity"
	"github.com/concvet/concvet/internal/suppress"
)

// A Category groups analyzers by the checklist item they enforce.
type Category string

const (
	WaitGroup  Category = "WaitGroup"
	Timers     Category = "timers"
	Channels   Category = "channels"
	Context    Category = "context"
	Goroutines Category = "goroutines"
	Locks      Category = "locks"
	Races      Category = "races"
	// Suppression holds the checks of concvet's own comments.
	Suppression Category = "suppression"
)

// An Entry is one analyzer of the suite, with its metadata.
type Entry struct {
	Analyzer *analysis.Analyzer
	Category Category
	// Default reports whether the analyzer runs when no analyzer is named
	// on the command line. An analyzer that the held-out fresh sets,
	// pooled, show below 90% precision over at least three reports is off
	// by default (docs/precision.md); the goal for every analyzer is 95%.
	Default bool
	// Severity is the severity of the analyzer's findings, unless a
	// finding is marked otherwise (severity.MarkCleanup).
	Severity severity.Level
	// Always reports whether the analyzer runs whatever analyzers are
	// named, unless it is itself turned off.
	Always bool
	// Fix says what the suggested fixes do and where they are offered
	// ("yes (where mechanical)"), or is empty when there are none.
	Fix string
	// Since is the concvet release that first ships the analyzer.
	Since string
	// Precision is the analyzer's precision measured on real code; the
	// judged diagnostics are listed in docs/precision.md and its page. The
	// zero value means not measured yet.
	Precision Precision
	// Reports is the README's account of what the analyzer reports, in
	// Markdown, on one line: the shapes, what stays silent, the fix.
	Reports string
}

const (
	bug     = severity.Bug
	cleanup = severity.Cleanup
)

// NextRelease is the concvet release that the next analyzer added will
// first ship in: the scaffold (internal/cmd/newanalyzer) writes it as the
// new entry's Since.
const NextRelease = "v0.1.0"

// Precision is what an analyzer reported on real code and how much of it
// was judged true, each diagnostic read at its source.
type Precision struct {
	// Reported diagnostics, of which True were judged true.
	Reported, True int
	// Corpus says what the analyzer was run on ("9 modules").
	Corpus string
	// Note qualifies the figure ("no false report left (41 fixed)").
	Note string
}

// Measured reports whether the analyzer was run on real code and its
// reports judged: the zero Precision means not yet.
func (p Precision) Measured() bool { return p != Precision{} }

// Percent returns the share of the reports judged true, rounded, and
// false when nothing was reported.
func (p Precision) Percent() (int, bool) {
	if p.Reported == 0 {
		return 0, false
	}
	return int(math.Round(100 * float64(p.True) / float64(p.Reported))), true
}

// String returns the figure as the docs and concvet help give it.
func (p Precision) String() string {
	if !p.Measured() {
		return "not measured yet"
	}
	var s string
	if pct, ok := p.Percent(); ok {
		noun := "diagnostics"
		if p.Reported == 1 {
			noun = "diagnostic"
		}
		s = fmt.Sprintf("%d%% (%d of %d %s judged true", pct, p.True, p.Reported, noun)
	} else {
		s = "no diagnostic to judge (nothing reported"
	}
	if p.Corpus != "" {
		s += "; " + p.Corpus
	}
	s += ")"
	if p.Note != "" {
		s += "; " + p.Note
	}
	return s
}

// Suite lists every analyzer, in documentation order.
var Suite = []Entry{
	{
		Analyzer:  wgadd.Analyzer,
		Category:  WaitGroup,
		Default:   false,
		Severity:  bug,
		Fix:       "yes (where mechanical)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 10, True: 2, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 2 of 2 true, G 0 of 1 true, H 0 of 3 true, I 0 of 4 true, J 0 reports, K 0 reports, L 0 reports (the false shapes of G, H and I fixed since, I's in its direct form, unmeasured); earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "`WaitGroup.Add` (or `Go`) called on the goroutine it counts, racing with `Wait` — anywhere in the goroutine, in named functions and methods started with `go`, across packages; fix: move the `Add` before `go`, or `wg.Go` from Go 1.25",
	},
	{
		Analyzer:  wgdone.Analyzer,
		Category:  WaitGroup,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (where mechanical)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 1, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 of 1 true, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports (G's false shape fixed since, unmeasured); earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a `Done` that some path of a counted goroutine skips (early return, `select` branch, `t.Fatal`, `runtime.Goexit`) or repeats, a `Wait` that nothing ever calls `Done` for, and a goroutine waiting on the group that counts it (a cleanup in test files); fix: `defer wg.Done()`",
	},
	{
		Analyzer:  timeafterloop.Analyzer,
		Category:  Timers,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (where mechanical)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "`time.After` as a `select` case that a loop re-enters while other cases continue: before Go 1.23 a timer kept per iteration until it fires; from Go 1.23, where an abandoned timer costs only an allocation, a tight loop (a `select` with `default`) or a timeout doing periodic work that events starve — quiescence waits, per-item timeouts and idle fallbacks restart by design; fix: one hoisted `time.Timer`, `Reset` per iteration, with the pre-1.23 drain where needed",
	},
	{
		Analyzer:  tickerstop.Analyzer,
		Category:  Timers,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (`defer t.Stop()`, where mechanical)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "an `AfterFunc` stopped on some paths only; before Go 1.23 also a ticker in an unexported field that nothing stops, a ticker or timer some path leaves running and `time.Tick` in a function that returns; fix: `defer t.Stop()`",
	},
	{
		Analyzer:  timerreset.Analyzer,
		Category:  Timers,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (go1.23+ drains)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 6, True: 6, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 2 of 2 true, H 1 of 1 true, I 0 reports, J 1 of 1 true, K 1 of 1 true, L 1 of 1 true; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 1 of 1 true"},
		Reports:   "the `if !t.Stop() { <-t.C }` drain that Go 1.23 made dead (and hanging), a drain after the value was received, an ignored `Stop` then `<-t.C`, and before Go 1.23 a `Reset` that leaves a stale value in a looping `select`; fix: delete the drain",
	},
	{
		Analyzer:  closerecv.Analyzer,
		Category:  Channels,
		Default:   false,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 5, True: 3, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 2 of 2 true, G 0 reports, H 0 reports, I 0 of 2 true, J 0 reports, K 0 reports, L 1 of 1 true (I's false shape, every sender deferring recover, fixed since, unmeasured); earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "`close` of a channel by a function or goroutine that only receives from it and did not make it — directly or through a helper that closes its parameter, across packages (facts); `chan struct{}` signals, owners, drains after the close and senders that recover are silent",
	},
	{
		Analyzer:  doubleclose.Analyzer,
		Category:  Channels,
		Default:   false,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 3, True: 0, Corpus: "held-out fresh sets F and H–L pooled (G ran the default suite only), 36 modules, each run with the rules frozen before it", Note: "F 0 of 3 true, G not run, H (alone, after F's start/serve shape was fixed) 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a `close` that can run twice (in a loop, in goroutines started in a loop, explicit plus `defer close`, two goroutines, two methods of one type) and a send after `close`; silent when a flag, `sync.Once` or non-blocking `select` guards the close",
	},
	{
		Analyzer:  nilchan.Analyzer,
		Category:  Channels,
		Default:   true,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "send, receive, `range`, `close` on a channel that is nil on every path (declared, never made); the nil-to-disable-a-`select`-case idiom is silent",
	},
	{
		Analyzer:  ctxfirst.Analyzer,
		Category:  Context,
		Default:   false,
		Severity:  cleanup,
		Fix:       "yes (package-private functions)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 11, True: 10, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 1 of 1 true, H 3 of 3 true, I 2 of 3 true, J 1 of 1 true, K 1 of 1 true, L 2 of 2 true (I's false shape, an assertion library's TestingT first, fixed since; J, K and L came after the fix); earlier: first run on fresh set E 1 of 3 true (its false shapes fixed since); previous round's held-out set D 11 of 11 true"},
		Reports:   "a `context.Context` parameter that is not first (a testing handle before it is fine: `testing.TB`, an assertion library's `TestingT`), or a second context after other parameters — functions, methods, interface methods, function types, literals; fix: reorder the parameter and every call of a package-private function",
	},
	{
		Analyzer:  ctxprop.Analyzer,
		Category:  Context,
		Default:   false,
		Severity:  bug,
		Fix:       "yes",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 11, True: 5, Corpus: "9 modules"},
		Reports:   "a function with a context that drops it: `context.Background()`/`TODO()`, calls of `F` when a type-discovered `FContext`/`FWithContext` twin exists (`http.NewRequest`, `exec.Command`, `sql.DB.Query`, third-party APIs), goroutines it waits for that detach with `Background`; fix: pass the context, call the twin (off by default: deliberate detaches written before `context.WithoutCancel` are common)",
	},
	{
		Analyzer:  errgroupctx.Analyzer,
		Category:  Context,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (parent context in `g.Go`)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 15, True: 14, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 of 1 true, H 0 reports, I 0 reports, J 0 reports, K 14 of 14 true, L 0 reports (G's false shape fixed since); earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "the context from `errgroup.WithContext` (or any group of the same shape) used after `Wait` cancelled it, and `g.Go` functions that use the parent context instead; fix: use the derived context in those functions",
	},
	{
		Analyzer:  iodeadline.Analyzer,
		Category:  Context,
		Default:   true,
		Severity:  bug,
		Since:     NextRelease,
		Precision: Precision{Reported: 62, True: 62, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 13 of 13 true, G 23 of 23 true, H 0 reports, I 3 of 3 true, J 5 of 5 true, K 10 of 10 true, L 8 of 8 true; earlier: first run on fresh set E 5 of 5 true (its false shapes fixed since); previous round's held-out set D 2 of 2 true"},
		Reports:   "network I/O that can wait forever: an `http.Client` with no `Timeout` sending a request whose context has no deadline, `http.Get`/`DefaultClient` in handlers, an `http.Server` with no `ReadHeaderTimeout` (Slowloris), a `Dial`ed or `Accept`ed connection read in a loop with no deadline; silent when the value escapes to code that may set one",
	},
	{
		Analyzer:  cancelfield.Analyzer,
		Category:  Context,
		Default:   true,
		Severity:  bug,
		Since:     NextRelease,
		Precision: Precision{Reported: 1, True: 1, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 1 of 1 true, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 of 2 true (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a context's cancel function kept in an unexported struct field or package variable that no code of the package calls (go vet's lostcancel sees locals only), or stored in a value that a constructor's error return then drops: the context and its timer live until the parent is cancelled",
	},
	{
		Analyzer:  ctxfield.Analyzer,
		Category:  Context,
		Default:   false,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 95, True: 24, Corpus: "9 modules"},
		Reports:   "a `context.Context` kept in a struct field, a package variable or a long-lived map (off by default: request-scoped structs may keep one)",
	},
	{
		Analyzer:  goleak.Analyzer,
		Category:  Goroutines,
		Default:   true,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 17, True: 17, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 1 of 1 true, G 3 of 3 true, H 5 of 5 true, I 4 of 4 true, J 2 of 2 true, K 2 of 2 true, L 0 reports; earlier: first run on fresh set E 0 of 1 true (its false shapes fixed since); previous round's held-out set D 3 of 3 true"},
		Reports:   "a goroutine that can never finish: a loop with no exit, a range over a ticker's or never-closed channel, a receive nothing will satisfy — for literals, functions and methods started with `go`, across packages (SSA, facts); a field or package channel nothing feeds, a buffered channel overfilled, a goroutine waiting for itself; goroutines started once per process are not reported (`-goleak.main` reports those of commands)",
	},
	{
		Analyzer:  abandonedsend.Analyzer,
		Category:  Goroutines,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (exact buffers only)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 17, True: 16, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 3 of 3 true, G 0 reports, H 7 of 8 true, I 1 of 1 true, J 0 reports, K 5 of 5 true, L 0 reports (H's false shape fixed since); earlier: first run on fresh set E 0 of 3 true (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a send on an unbuffered channel whose receiver can give up (timeout or `ctx.Done()` case, first-error return of a results loop), local or in a struct field, leaking the sender (a cleanup in test files); fix: `make(chan T, 1)` or `len(items)` where exact",
	},
	{
		Analyzer:  unboundedgo.Analyzer,
		Category:  Goroutines,
		Default:   false,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 6, True: 1, Corpus: "+2 accept loops"},
		Reports:   "one goroutine per item of input of unknown size, with no semaphore, pool or `SetLimit`",
	},
	{
		Analyzer:  lockleak.Analyzer,
		Category:  Locks,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (`defer mu.Unlock()`, where exact)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 4, True: 4, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 1 of 1 true, G 0 reports, H 0 reports, I 1 of 1 true, J 2 of 2 true, K 0 reports, L 0 reports; earlier: first run on fresh set E 2 of 2 true (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a `Lock`/`RLock` that some path (an early `return`, a `continue`, a `select` branch) leaves without its `Unlock`, through helpers that lock or unlock for their caller, across packages (facts); hand-over helpers and deferred unlocks are silent, a lock handed to no caller is not; one finding per leak; fix: `defer mu.Unlock()` where exact",
	},
	{
		Analyzer:  doublelock.Analyzer,
		Category:  Locks,
		Default:   true,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 2, True: 2, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 1 of 1 true, G 1 of 1 true, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 5 of 5 true (its false shapes fixed since); previous round's held-out set D 1 of 1 true"},
		Reports:   "a mutex locked again by the goroutine that holds it on every path — a method calling another that locks the same receiver's mutex (`Get → refresh locks c.mu again`), across packages (facts), an `RLock` upgraded to `Lock`, a recursive `RLock`",
	},
	{
		Analyzer:  condwait.Analyzer,
		Category:  Locks,
		Default:   true,
		Severity:  bug,
		Fix:       "yes (`if` → `for`, where exact)",
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "`sync.Cond.Wait` outside a `for` loop that re-checks the condition, reached without holding `c.L` (the entry state comes from the callers), or on a `Cond` nothing signals; fix: `if` → `for`",
	},
	{
		Analyzer:  busyloop.Analyzer,
		Category:  Locks,
		Default:   true,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a loop that spins: a `select` whose `default` neither blocks, sleeps nor leaves the loop, and a loop polling a variable or atomic with nothing that waits",
	},
	{
		Analyzer:  lockblock.Analyzer,
		Category:  Locks,
		Default:   true,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a channel send or receive, `WaitGroup.Wait` or `Cond.Wait` made while holding a mutex that every goroutine able to unblock it must take first (hold-and-wait deadlock), matched across the methods of a type, in helpers every caller enters with the mutex held",
	},
	{
		Analyzer:  lockorder.Analyzer,
		Category:  Locks,
		Default:   false,
		Severity:  bug,
		Since:     "v0.1.0",
		Precision: Precision{Reported: 4, True: 2, Corpus: "held-out fresh sets F and H–L pooled (G ran the default suite only), 36 modules, each run with the rules frozen before it", Note: "F 1 of 2 true, G not run, H (alone) 0 reports, I 0 of 1 true, J 1 of 1 true, K 0 reports, L 0 reports (F's false shape, an instance still private to its creator, not fixed; I's, a callee that first releases the caller's locks, fixed since); earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "two mutexes locked in opposite orders (AB-BA deadlock), through the package's calls and imported functions (facts), named with both acquisition chains; a gate lock held at both, read-only locks and two instances of one field are silent",
	},
	{
		Analyzer:  racewrite.Analyzer,
		Category:  Races,
		Default:   false,
		Severity:  bug,
		Fix:       "yes (a mutex around the goroutines' accesses, where that is the whole change)",
		Since:     NextRelease,
		Precision: Precision{Reported: 5, True: 3, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 1 of 1 true, G 0 reports, H 0 reports, I 1 of 1 true, J 1 of 2 true, K 0 of 1 true, L 0 reports (J's false shape, a pipe's close seen through a decoder, fixed since; K's, a write after a server's Serve that returns only once a test cleanup stops it, not fixed); earlier: first runs: sets A–D 3 of 3 true, fresh set E 0 reports"},
		Reports:   "a variable, map or field written by goroutines that a loop starts, or by a goroutine and its spawner or a sibling, with no lock held and no receive, `Wait` or atomic between the accesses; slice slots, atomics, `Once` and per-iteration variables stay silent",
	},
	{
		Analyzer:  ignorecheck.Analyzer,
		Category:  Suppression,
		Default:   true,
		Severity:  cleanup,
		Always:    true,
		Since:     NextRelease,
		Precision: Precision{Reported: 0, True: 0, Corpus: "held-out fresh sets F–L pooled, 42 modules, each run with the rules frozen before it", Note: "F 0 reports, G 0 reports, H 0 reports, I 0 reports, J 0 reports, K 0 reports, L 0 reports; earlier: first run on fresh set E 0 reports (its false shapes fixed since); previous round's held-out set D 0 reports"},
		Reports:   "a `//concvet:ignore` comment that names no analyzer, an unknown one (a typo), or gives no reason; runs whatever analyzers are selected",
	},
}

// All returns every analyzer of the suite, as Runnable returns them.
func All() []*analysis.Analyzer {
	all := make([]*analysis.Analyzer, len(Suite))
	for i, e := range Suite {
		all[i] = e.Runnable()
	}
	return all
}

// runnable maps each analyzer to its suppressible form.
var runnable = make(map[*analysis.Analyzer]*analysis.Analyzer)

func init() {
	ignorecheck.Known = func(name string) bool {
		_, ok := Lookup(name)
		return ok
	}
	for _, e := range Suite {
		if e.Analyzer == ignorecheck.Analyzer {
			runnable[e.Analyzer] = e.Analyzer // it reads the comments; they do not apply to it
			continue
		}
		runnable[e.Analyzer] = suppress.Wrap(severity.Examples(e.Analyzer))
	}
}

// Runnable returns the analyzer as concvet's command and its golangci-lint
// plugin run it: honouring //concvet:ignore comments, and reporting those
// that name it and suppress nothing (ignorecheck reports the others). The
// bare Analyzer (what Bazel's nogo takes) does not know about them.
func (e Entry) Runnable() *analysis.Analyzer { return runnable[e.Analyzer] }

// Lookup returns the suite entry of the analyzer called name.
func Lookup(name string) (Entry, bool) {
	for _, e := range Suite {
		if e.Analyzer.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// SeverityOf returns the severity of a finding of the named analyzer with
// the given diagnostic category (the "category" of the JSON output).
// Front ends map it with Level.SARIF and Level.LSP.
func SeverityOf(analyzer, category string) severity.Level {
	e, _ := Lookup(analyzer)
	return severity.Of(e.Severity, category)
}

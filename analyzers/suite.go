// Package analyzers is the concvet suite: every analyzer, in the order the
// documentation lists them, with its category and whether it runs by
// default. The concvet command, the golangci-lint plugin and the docs all
// read this one list.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/concvet/concvet/analyzers/abandonedsend"
	"github.com/concvet/concvet/analyzers/busyloop"
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
	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/analyzers/nilchan"
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
	// Suppression holds the checks of concvet's own comments.
	Suppression Category = "suppression"
)

// An Entry is one analyzer of the suite.
type Entry struct {
	Analyzer *analysis.Analyzer
	Category Category
	// Default reports whether the analyzer runs when no analyzer is named
	// on the command line. Only analyzers measured at 95% precision or
	// better on real code run by default.
	Default bool
	// Severity is the severity of the analyzer's findings, unless a
	// finding is marked otherwise (severity.MarkCleanup).
	Severity severity.Level
	// Always reports whether the analyzer runs whatever analyzers are
	// named, unless it is itself turned off.
	Always bool
}

const (
	bug     = severity.Bug
	cleanup = severity.Cleanup
)

// Suite lists every analyzer, in documentation order.
var Suite = []Entry{
	{wgadd.Analyzer, WaitGroup, true, bug, false},
	{wgdone.Analyzer, WaitGroup, true, bug, false},
	{timeafterloop.Analyzer, Timers, true, bug, false},
	{tickerstop.Analyzer, Timers, true, bug, false},
	{timerreset.Analyzer, Timers, true, bug, false},
	{closerecv.Analyzer, Channels, true, bug, false},
	{doubleclose.Analyzer, Channels, true, bug, false},
	{nilchan.Analyzer, Channels, true, bug, false},
	{ctxfirst.Analyzer, Context, true, cleanup, false},
	{ctxprop.Analyzer, Context, false, bug, false},
	{errgroupctx.Analyzer, Context, true, bug, false},
	{ctxfield.Analyzer, Context, false, bug, false},
	{goleak.Analyzer, Goroutines, true, bug, false},
	{abandonedsend.Analyzer, Goroutines, true, bug, false},
	{unboundedgo.Analyzer, Goroutines, false, bug, false},
	{lockleak.Analyzer, Locks, true, bug, false},
	{doublelock.Analyzer, Locks, true, bug, false},
	{condwait.Analyzer, Locks, true, bug, false},
	{busyloop.Analyzer, Locks, true, bug, false},
	{ignorecheck.Analyzer, Suppression, true, cleanup, true},
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
		runnable[e.Analyzer] = suppress.Wrap(e.Analyzer)
	}
}

// Runnable returns the analyzer as concvet's command and its golangci-lint
// plugin run it: honouring //concvet:ignore comments, and reporting those
// that name it and suppress nothing (ignorecheck reports the others). The bare Analyzer (what Bazel's
// nogo takes) does not know about them.
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

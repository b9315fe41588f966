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
	"github.com/concvet/concvet/analyzers/iodeadline"
	"github.com/concvet/concvet/analyzers/lockleak"
	"github.com/concvet/concvet/analyzers/nilchan"
	"github.com/concvet/concvet/analyzers/tickerstop"
	"github.com/concvet/concvet/analyzers/timeafterloop"
	"github.com/concvet/concvet/analyzers/timerreset"
	"github.com/concvet/concvet/analyzers/unboundedgo"
	"github.com/concvet/concvet/analyzers/wgadd"
	"github.com/concvet/concvet/analyzers/wgdone"
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
)

// An Entry is one analyzer of the suite.
type Entry struct {
	Analyzer *analysis.Analyzer
	Category Category
	// Default reports whether the analyzer runs when no analyzer is named
	// on the command line. Only analyzers measured at 95% precision or
	// better on real code run by default.
	Default bool
}

// Suite lists every analyzer, in documentation order.
var Suite = []Entry{
	{wgadd.Analyzer, WaitGroup, true},
	{wgdone.Analyzer, WaitGroup, true},
	{timeafterloop.Analyzer, Timers, true},
	{tickerstop.Analyzer, Timers, true},
	{timerreset.Analyzer, Timers, true},
	{closerecv.Analyzer, Channels, true},
	{doubleclose.Analyzer, Channels, true},
	{nilchan.Analyzer, Channels, true},
	{ctxfirst.Analyzer, Context, true},
	{ctxprop.Analyzer, Context, false},
	{errgroupctx.Analyzer, Context, true},
	{ctxfield.Analyzer, Context, false},
	{iodeadline.Analyzer, Context, true},
	{goleak.Analyzer, Goroutines, true},
	{abandonedsend.Analyzer, Goroutines, true},
	{unboundedgo.Analyzer, Goroutines, false},
	{lockleak.Analyzer, Locks, true},
	{doublelock.Analyzer, Locks, true},
	{condwait.Analyzer, Locks, true},
	{busyloop.Analyzer, Locks, true},
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
	known := func(name string) bool {
		_, ok := Lookup(name)
		return ok
	}
	for i, e := range Suite {
		// The first analyzer of the suite also reports suppression
		// comments that name no analyzer of the suite.
		runnable[e.Analyzer] = suppress.Wrap(e.Analyzer, known, i == 0)
	}
}

// Runnable returns the analyzer as concvet's command and its golangci-lint
// plugin run it: honouring //concvet:ignore comments, and reporting those
// that give no reason or suppress nothing. The bare Analyzer (what Bazel's
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

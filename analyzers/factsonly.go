package analyzers

import (
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"

	"github.com/concvet/concvet/analyzers/closerecv"
	"github.com/concvet/concvet/analyzers/goleak"
	"github.com/concvet/concvet/analyzers/wgadd"
	"github.com/concvet/concvet/internal/factsonly"
)

// FactsOnly returns the analyzers for a unit that go vet analyses only for
// its facts (a dependency of the packages asked for: the .cfg file's
// VetxOnly). Its diagnostics are discarded, so only facts are worth
// computing, and the facts written must be those the whole suite writes:
// the packages asked for read them.
//
// unitchecker runs, in such a unit, every analyzer that uses facts
// transitively (it reads FactTypes and Requires); since ctrlflow exports
// facts, that would be nearly every concvet analyzer, each computing
// diagnostics that nobody reads. So:
//
//   - An analyzer that exports no facts of its own keeps its name and
//     flags, which go vet passes to every unit, but loses its run and its
//     requirements, except those that export facts (lockeffects, whose
//     facts carry lock acquisitions across packages): unitchecker leaves
//     it out, or runs only those.
//   - An analyzer that exports facts keeps its name, flags and FactTypes,
//     so that unitchecker runs it and reads and writes its facts, but runs
//     in its facts-only form (exporters): a cheap test of whether it can
//     export any fact from the package, then the facts alone, without the
//     diagnostics. The requirements built on demand (onDemand: SSA) are
//     built only once the test passes; the others run as in the whole
//     suite. ctrlflow is one of them: it exports facts of its own, which
//     the importers' control-flow graphs use.
//   - An analyzer that exports facts but has no facts-only form runs
//     unchanged.
func FactsOnly(list []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(list))
	for i, a := range list {
		switch ex, ok := exporterOf(a); {
		case !exportsFacts(a):
			out[i] = &analysis.Analyzer{
				Name:     a.Name,
				Doc:      a.Doc,
				URL:      a.URL,
				Flags:    a.Flags,
				Requires: factRequires(a.Requires),
				Run:      func(*analysis.Pass) (any, error) { return nil, nil },
			}
		case ok:
			out[i] = factsOnly(a, ex, nil)
		default:
			out[i] = a
		}
	}
	return out
}

// factRequires returns the analyzers among reqs, and their requirements,
// that export facts (lockeffects, ctrlflow): they must run in every unit
// the whole suite runs them in, or the facts their importers read would
// differ. Without them, unitchecker leaves the analyzer out.
func factRequires(reqs []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var add func([]*analysis.Analyzer)
	add = func(reqs []*analysis.Analyzer) {
		for _, r := range reqs {
			if seen[r] {
				continue
			}
			seen[r] = true
			if len(r.FactTypes) > 0 {
				out = append(out, r)
			}
			add(r.Requires)
		}
	}
	add(reqs)
	return out
}

// exporters holds the facts-only form of each analyzer of the suite that
// exports facts.
var exporters = map[*analysis.Analyzer]factsonly.Exporter{
	closerecv.Analyzer: closerecv.Facts,
	goleak.Analyzer:    goleak.Facts,
	wgadd.Analyzer:     wgadd.Facts,
}

// exporterOf returns the facts-only form of a, an analyzer of the suite
// bare or as All returns it (runnable: its wrappers only filter and mark
// diagnostics, which a facts-only unit discards).
func exporterOf(a *analysis.Analyzer) (factsonly.Exporter, bool) {
	if ex, ok := exporters[a]; ok {
		return ex, true
	}
	for bare, r := range runnable {
		if r == a {
			ex, ok := exporters[bare]
			return ex, ok
		}
	}
	return factsonly.Exporter{}, false
}

// onDemand holds the requirements that a facts-only analyzer builds itself,
// only when its test passes: costly, and without facts of their own (a
// requirement that exports facts must run in every unit the whole suite
// runs it in, or the facts written would differ).
var onDemand = map[*analysis.Analyzer]bool{
	buildssa.Analyzer: true,
}

// exportsFacts reports whether a, or an analyzer of concvet that it wraps,
// declares facts of its own. The analyzers it requires (ctrlflow, buildssa)
// do not count: they run only for those that do.
func exportsFacts(a *analysis.Analyzer) bool {
	return len(a.FactTypes) > 0
}

// factsOnly returns the facts-only form of a: the same name, flags and
// fact types; as requirements, a's own with those built on demand replaced
// by theirs; as its run, ex.MayExport and, when it passes, ex.Export on
// the results of all of a's requirements. observe, if not nil, is told
// each decision (for the tests).
func factsOnly(a *analysis.Analyzer, ex factsonly.Exporter, observe func(*analysis.Pass, bool)) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Flags:            a.Flags,
		FactTypes:        a.FactTypes,
		Requires:         eagerRequires(a.Requires),
		RunDespiteErrors: a.RunDespiteErrors,
		Run: func(pass *analysis.Pass) (any, error) {
			may := ex.MayExport(pass)
			if observe != nil {
				observe(pass, may)
			}
			if !may {
				return nil, nil
			}
			results, err := resultsOf(pass, a.Requires)
			if err != nil {
				return nil, err
			}
			full := *pass
			full.Analyzer = a
			full.ResultOf = results
			return nil, ex.Export(&full)
		},
	}
}

// eagerRequires returns reqs with each analyzer built on demand replaced
// by its own eager requirements, without repeats, in order.
func eagerRequires(reqs []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := make(map[*analysis.Analyzer]bool)
	var add func([]*analysis.Analyzer)
	add = func(reqs []*analysis.Analyzer) {
		for _, r := range reqs {
			switch {
			case onDemand[r]:
				add(r.Requires)
			case !seen[r]:
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	add(reqs)
	return out
}

// resultsOf returns the results of reqs for pass's package: those run
// eagerly from pass.ResultOf, those built on demand by running them here,
// on a copy of pass that holds their own requirements' results.
func resultsOf(pass *analysis.Pass, reqs []*analysis.Analyzer) (map[*analysis.Analyzer]any, error) {
	results := make(map[*analysis.Analyzer]any, len(reqs))
	for _, r := range reqs {
		if !onDemand[r] {
			results[r] = pass.ResultOf[r]
			continue
		}
		if len(r.FactTypes) > 0 {
			return nil, fmt.Errorf("%s exports facts and cannot be built on demand", r.Name)
		}
		inputs, err := resultsOf(pass, r.Requires)
		if err != nil {
			return nil, err
		}
		sub := *pass
		sub.Analyzer = r
		sub.ResultOf = inputs
		res, err := r.Run(&sub)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r.Name, err)
		}
		results[r] = res
	}
	return results, nil
}

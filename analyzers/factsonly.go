package analyzers

import "golang.org/x/tools/go/analysis"

// FactsOnly returns the analyzers for a unit that go vet analyses only for
// its facts (a dependency of the packages asked for: the .cfg file's
// VetxOnly). The analyzers that export no facts of their own keep their
// name and flags, which go vet passes to every unit, but lose their run and
// their requirements.
//
// unitchecker runs, in such a unit, every analyzer that uses facts
// transitively; since ctrlflow exports facts, that would be nearly every
// concvet analyzer, each computing diagnostics that nobody reads. Stripped
// of their requirements, the diagnostic-only analyzers use no facts and
// unitchecker leaves them out; the fact-exporting ones run as before, with
// ctrlflow and buildssa beneath them, so the facts written are the same.
func FactsOnly(list []*analysis.Analyzer) []*analysis.Analyzer {
	out := make([]*analysis.Analyzer, len(list))
	for i, a := range list {
		if exportsFacts(a) {
			out[i] = a
			continue
		}
		out[i] = &analysis.Analyzer{
			Name:  a.Name,
			Doc:   a.Doc,
			URL:   a.URL,
			Flags: a.Flags,
			Run:   func(*analysis.Pass) (any, error) { return nil, nil },
		}
	}
	return out
}

// exportsFacts reports whether a, or an analyzer of concvet that it wraps,
// declares facts of its own. The analyzers it requires (ctrlflow, buildssa)
// do not count: they run only for those that do.
func exportsFacts(a *analysis.Analyzer) bool {
	return len(a.FactTypes) > 0
}

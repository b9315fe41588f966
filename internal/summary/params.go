package summary

import (
	"fmt"
	"slices"
	"strings"

	"github.com/concvet/concvet/internal/refs"
)

// A ParamOps is what a function does to the storage at one parameter
// (refs.Param.Key): one entry of a per-parameter fact.
type ParamOps[T any] struct {
	Param string
	Ops   T
}

// EncodeParams turns a per-parameter summary into a fact's entries, sorted
// by parameter: gob encodes a slice the same way every time, a map not.
func EncodeParams[T any](m map[refs.Param]T) []ParamOps[T] {
	out := make([]ParamOps[T], 0, len(m))
	for p, ops := range m {
		out = append(out, ParamOps[T]{p.Key(), ops})
	}
	slices.SortFunc(out, func(a, b ParamOps[T]) int { return strings.Compare(a.Param, b.Param) })
	return out
}

// DecodeParams turns a fact's entries back into a per-parameter summary.
func DecodeParams[T any](entries []ParamOps[T]) map[refs.Param]T {
	out := make(map[refs.Param]T, len(entries))
	for _, e := range entries {
		if p, ok := refs.ParseParam(e.Param); ok {
			out[p] = e.Ops
		}
	}
	return out
}

// FormatParams prints a fact's entries after a name, as fixtures expect
// them: "chanops 0:close -1.ch:send".
func FormatParams[T fmt.Stringer](name string, entries []ParamOps[T]) string {
	s := name
	for _, e := range entries {
		s += fmt.Sprintf(" %s:%s", e.Param, e.Ops)
	}
	return s
}

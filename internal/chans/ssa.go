package chans

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A Key names a channel in SSA form: a value (a parameter, a make, a
// global, a local variable's storage), followed by the loads and field
// selections that reach the channel from it. Two operands with one Key read
// the same channel as long as no store in between changes the memory the
// path goes through.
type Key struct {
	Root ssa.Value
	Path string // "*" for a load, ".N" for field N
}

// KeyOf returns the Key of the channel value v.
func KeyOf(v ssa.Value) Key {
	switch v := v.(type) {
	case *ssa.ChangeType:
		return KeyOf(v.X)
	case *ssa.UnOp:
		if v.Op == token.MUL {
			k := KeyOf(v.X)
			k.Path += "*"
			return spill(k)
		}
	case *ssa.FieldAddr:
		k := KeyOf(v.X)
		k.Path += fmt.Sprintf(".%d", v.Field)
		return k
	case *ssa.Field:
		k := KeyOf(v.X)
		k.Path += fmt.Sprintf(".%d", v.Field)
		return k
	}
	return Key{Root: v}
}

// spill rewrites a load of a parameter's spilled copy (the local that SSA
// makes for a parameter a closure captures) into the parameter itself.
func spill(k Key) Key {
	if k.Path != "*" {
		return k
	}
	if p := SpilledParam(k.Root); p != nil {
		return Key{Root: p}
	}
	return k
}

// SpilledParam returns the parameter whose copy the Alloc v holds, when v is
// stored to exactly once, with that parameter, in its function, and not
// through any closure.
func SpilledParam(v ssa.Value) *ssa.Parameter {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Parent() == nil {
		return nil
	}
	var param *ssa.Parameter
	for _, ref := range *a.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			p, ok := ref.Val.(*ssa.Parameter)
			if !ok || ref.Addr != a || param != nil {
				return nil
			}
			param = p
		case *ssa.UnOp:
		case *ssa.MakeClosure:
			if StoresThrough(ref, a) {
				return nil
			}
		default:
			return nil
		}
	}
	return param
}

// StoresThrough reports whether the closure made by mc, or a closure it
// makes, stores to the free variable that binds v.
func StoresThrough(mc *ssa.MakeClosure, v ssa.Value) bool {
	fn := mc.Fn.(*ssa.Function)
	for i, b := range mc.Bindings {
		if b != v || i >= len(fn.FreeVars) {
			continue
		}
		for _, ref := range *fn.FreeVars[i].Referrers() {
			if st, ok := ref.(*ssa.Store); ok && st.Addr == fn.FreeVars[i] {
				return true
			}
			if mc2, ok := ref.(*ssa.MakeClosure); ok && StoresThrough(mc2, fn.FreeVars[i]) {
				return true
			}
		}
	}
	return false
}

// Loads reports whether the key reads memory (a variable's storage, a field
// through a pointer, a global).
func (k Key) Loads() bool { return strings.Contains(k.Path, "*") }

// Rebase returns k with its root replaced by the key of v: how a callee's
// key over a parameter or free variable reads in the caller, given the
// argument or binding v.
func (k Key) Rebase(v ssa.Value) Key {
	base := KeyOf(v)
	base.Path += k.Path
	if base.Path == "*" {
		return spill(base)
	}
	if strings.HasPrefix(base.Path, "*") {
		if p := SpilledParam(base.Root); p != nil {
			return Key{Root: p, Path: base.Path[1:]}
		}
	}
	return base
}

// Fields returns the struct fields that the key's path selects, outermost
// first.
func (k Key) Fields() []*types.Var {
	var out []*types.Var
	t := k.Root.Type()
	for i := 0; i < len(k.Path); i++ {
		switch k.Path[i] {
		case '*':
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
		case '.':
			j := i + 1
			for j < len(k.Path) && k.Path[j] >= '0' && k.Path[j] <= '9' {
				j++
			}
			var n int
			fmt.Sscanf(k.Path[i+1:j], "%d", &n)
			st := t
			if p, ok := st.Underlying().(*types.Pointer); ok {
				st = p.Elem()
			}
			s, ok := st.Underlying().(*types.Struct)
			if !ok || n >= s.NumFields() {
				return out
			}
			out = append(out, s.Field(n))
			t = s.Field(n).Type()
			i = j - 1
		}
	}
	return out
}

// IsNil reports whether v is the nil channel on every path: the constant
// nil, or a phi whose every edge is.
func IsNil(v ssa.Value) bool {
	return isNil(v, make(map[*ssa.Phi]bool))
}

func isNil(v ssa.Value, seen map[*ssa.Phi]bool) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return v.IsNil()
	case *ssa.ChangeType:
		return isNil(v.X, seen)
	case *ssa.UnOp:
		// A load of a variable that closures share: nil if nothing ever
		// stores a channel in it.
		if v.Op == token.MUL {
			if a := allocOf(v.X); a != nil {
				return onlyNilStored(a)
			}
		}
	case *ssa.Phi:
		if seen[v] {
			return true // a cycle adds no non-nil value
		}
		seen[v] = true
		for _, e := range v.Edges {
			if !isNil(e, seen) {
				return false
			}
		}
		return true
	}
	return false
}

// allocOf returns the local variable that addr is, directly or as a free
// variable of a closure, or nil.
func allocOf(addr ssa.Value) *ssa.Alloc {
	switch addr := addr.(type) {
	case *ssa.Alloc:
		return addr
	case *ssa.FreeVar:
		fn := addr.Parent()
		i := -1
		for j, fv := range fn.FreeVars {
			if fv == addr {
				i = j
			}
		}
		if fn.Parent() == nil || i < 0 {
			return nil
		}
		for _, b := range fn.Parent().Blocks {
			for _, instr := range b.Instrs {
				if mc, ok := instr.(*ssa.MakeClosure); ok && mc.Fn == fn && i < len(mc.Bindings) {
					return allocOf(mc.Bindings[i])
				}
			}
		}
	}
	return nil
}

// onlyNilStored reports whether every store to the variable addr, in its
// function and in the closures that capture it, stores nil, and its address
// goes nowhere else.
func onlyNilStored(addr ssa.Value) bool {
	for _, ref := range *addr.Referrers() {
		switch ref := ref.(type) {
		case *ssa.Store:
			if ref.Addr != addr {
				return false // the variable's address is stored somewhere
			}
			if c, ok := ref.Val.(*ssa.Const); !ok || !c.IsNil() {
				return false
			}
		case *ssa.UnOp:
			if ref.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.MakeClosure:
			fn := ref.Fn.(*ssa.Function)
			for i, b := range ref.Bindings {
				if b == addr && (i >= len(fn.FreeVars) || !onlyNilStored(fn.FreeVars[i])) {
					return false
				}
			}
		default:
			return false // &ch handed to a call, or anything else
		}
	}
	return true
}

// Reaches reports whether the block to is reachable from the block from
// (from reaches itself).
func Reaches(from, to *ssa.BasicBlock) bool {
	seen := map[*ssa.BasicBlock]bool{from: true}
	work := []*ssa.BasicBlock{from}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if x == to {
			return true
		}
		for _, s := range x.Succs {
			if !seen[s] {
				seen[s] = true
				work = append(work, s)
			}
		}
	}
	return false
}

// InCycle reports whether b can reach itself through its successors: what
// it does may run once per iteration of a loop.
func InCycle(b *ssa.BasicBlock) bool {
	for _, s := range b.Succs {
		if Reaches(s, b) {
			return true
		}
	}
	return false
}

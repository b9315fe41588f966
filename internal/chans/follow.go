// This file follows channels through SSA: where a channel made in this
// package is sent to, received from and closed, and whether it escapes to
// code the analysis cannot see. The goroutine analyzers use it to decide
// that a channel can never be closed, or that nobody ever receives from it.

package chans

import (
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Uses counts what the visible code does with one channel.
type Uses struct {
	Sends, Recvs, Closes int
	// Escapes is set when the channel reaches code the analysis cannot
	// see: stored in a field, global, slice or map, returned, converted to
	// an interface, or passed to a function with no summary.
	Escapes bool
}

// Merge adds the uses in o to u.
func (u *Uses) Merge(o Uses) {
	u.Sends += o.Sends
	u.Recvs += o.Recvs
	u.Closes += o.Closes
	u.Escapes = u.Escapes || o.Escapes
}

// A Chan is one channel made by a make(chan) of this package, with every
// SSA value that is known to hold it.
type Chan struct {
	Make *ssa.MakeChan
	Uses Uses
	// Values holds the channel's values (and addresses of variables that
	// hold only it) in the functions that the make's own function and its
	// closures run; values reached through a parameter of a named function
	// are not included, since other callers may pass other channels.
	Values map[ssa.Value]bool
	// RecvOps and SendOps are the receive and send operations on the
	// channel in this package (select cases included).
	RecvOps, SendOps []ssa.Instruction
	// CloseOps are the close calls on the channel in this package.
	CloseOps []ssa.CallInstruction
}

// NeverClosed reports whether nothing can close the channel.
func (c *Chan) NeverClosed() bool { return !c.Uses.Escapes && c.Uses.Closes == 0 }

// NeverSent reports whether nothing can send to the channel.
func (c *Chan) NeverSent() bool { return !c.Uses.Escapes && c.Uses.Sends == 0 }

// Unbuffered reports whether the channel was made with no buffer.
func (c *Chan) Unbuffered() bool {
	k, ok := c.Make.Size.(*ssa.Const)
	return ok && k.Value != nil && k.Value.Kind() == constant.Int && constant.Sign(k.Value) == 0
}

// Capacity returns the channel's buffer size when its make gives a
// constant one (0 for an unbuffered channel).
func (c *Chan) Capacity() (int64, bool) {
	k, ok := c.Make.Size.(*ssa.Const)
	if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
		return 0, false
	}
	n, exact := constant.Int64Val(k.Value)
	return n, exact && n >= 0
}

// NeverReceived reports whether nothing can receive from the channel.
func (c *Chan) NeverReceived() bool { return !c.Uses.Escapes && c.Uses.Recvs == 0 }

// ParamUses returns what a function with no body in this package does with
// its i'th parameter (the receiver counts as parameter 0), usually from a
// fact; ok is false when nothing is known.
type ParamUses func(fn *ssa.Function, i int) (u Uses, ok bool)

// Follow collects the uses of the channel made by mk.
func Follow(mk *ssa.MakeChan, params ParamUses) *Chan {
	c := &Chan{Make: mk, Values: make(map[ssa.Value]bool)}
	c.Uses = walk(mk, params, c)
	return c
}

// FollowParam collects what fn does with its parameter p, for a summary.
func FollowParam(p *ssa.Parameter, params ParamUses) Uses {
	return walk(p, params, nil)
}

// walk follows root through its referrers. When c is not nil, values and
// operations are recorded in it.
func walk(root ssa.Value, params ParamUses, c *Chan) Uses {
	var u Uses
	seen := map[ssa.Value]bool{root: true}
	viaParam := map[ssa.Value]bool{}
	work := []ssa.Value{root}
	var stores []*ssa.Store // stores into tracked variables, checked at the end
	add := func(v ssa.Value, from ssa.Value, param bool) {
		if seen[v] {
			return
		}
		seen[v] = true
		if param || viaParam[from] {
			viaParam[v] = true
		}
		work = append(work, v)
	}
	for len(work) > 0 && !u.Escapes {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if c != nil && !viaParam[v] {
			c.Values[v] = true
		}
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		for _, instr := range *refs {
			switch instr := instr.(type) {
			case *ssa.DebugRef, *ssa.BinOp:
				// v == nil comparisons and debug info say nothing.
			case *ssa.Send:
				if instr.Chan != v {
					u.Escapes = true
					break
				}
				u.Sends++
				if c != nil {
					c.SendOps = append(c.SendOps, instr)
				}
			case *ssa.UnOp:
				switch instr.Op.String() {
				case "<-":
					u.Recvs++
					if c != nil {
						c.RecvOps = append(c.RecvOps, instr)
					}
				case "*":
					add(instr, v, false) // a load of a variable that holds the channel
				default:
					u.Escapes = true
				}
			case *ssa.Select:
				for _, st := range instr.States {
					if st.Send == v {
						u.Escapes = true
					}
					if st.Chan != v {
						continue
					}
					if st.Dir == types.SendOnly {
						u.Sends++
						if c != nil {
							c.SendOps = append(c.SendOps, instr)
						}
					} else {
						u.Recvs++
						if c != nil {
							c.RecvOps = append(c.RecvOps, instr)
						}
					}
				}
			case *ssa.ChangeType:
				add(instr, v, false)
			case *ssa.Store:
				if instr.Val == v && isLocalVar(instr.Addr) {
					add(instr.Addr, v, false)
					stores = append(stores, instr)
				} else if instr.Addr == v {
					stores = append(stores, instr)
				} else {
					u.Escapes = true
				}
			case *ssa.MakeClosure:
				fn := instr.Fn.(*ssa.Function)
				for i, b := range instr.Bindings {
					if b == v {
						add(fn.FreeVars[i], v, false)
					}
				}
			case ssa.CallInstruction:
				closes := u.Closes
				call(instr.Common(), v, params, &u, add)
				if c != nil && u.Closes > closes {
					c.CloseOps = append(c.CloseOps, instr)
				}
			default:
				u.Escapes = true
			}
		}
	}
	// A variable that some other value is stored into may hold another
	// channel: what is done through it says nothing about this one.
	for _, st := range stores {
		if !seen[st.Val] {
			u.Escapes = true
		}
	}
	return u
}

// call records what a call does with v, one of its operands.
func call(common *ssa.CallCommon, v ssa.Value, params ParamUses, u *Uses, add func(v, from ssa.Value, param bool)) {
	if common.IsInvoke() || common.Value == v {
		u.Escapes = true
		return
	}
	if b, ok := common.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "close":
			u.Closes++
		case "len", "cap":
		default:
			u.Escapes = true
		}
		return
	}
	fn := common.StaticCallee()
	if fn == nil {
		u.Escapes = true
		return
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	for i, a := range common.Args {
		if a != v {
			continue
		}
		if fn.Blocks != nil && i < len(fn.Params) {
			add(fn.Params[i], v, true)
			continue
		}
		pu, ok := params(fn, i)
		if !ok {
			u.Escapes = true
			return
		}
		u.Merge(pu)
	}
}

// isLocalVar reports whether addr is a local variable (possibly captured by
// a closure), not a field, element or global.
func isLocalVar(addr ssa.Value) bool {
	switch addr.(type) {
	case *ssa.Alloc, *ssa.FreeVar:
		return true
	}
	return false
}

// IsTimerChan reports whether v is the C field of a time.Ticker or
// time.Timer, or the channel of time.Tick or time.After: channels the
// runtime sends to but never closes.
func IsTimerChan(v ssa.Value) bool {
	if ct, ok := v.(*ssa.ChangeType); ok {
		v = ct.X
	}
	switch v := v.(type) {
	case *ssa.UnOp:
		fa, ok := v.X.(*ssa.FieldAddr)
		if !ok || v.Op.String() != "*" {
			return false
		}
		ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
		if !ok {
			return false
		}
		named, ok := ptr.Elem().(*types.Named)
		if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != "time" {
			return false
		}
		name := named.Obj().Name()
		return (name == "Ticker" || name == "Timer") && fa.Field == 0
	case *ssa.Call:
		fn := v.Call.StaticCallee()
		return fn != nil && fn.Pkg != nil && fn.Pkg.Pkg.Path() == "time" && (fn.Name() == "Tick" || fn.Name() == "After")
	}
	return false
}

// Package racewrite defines an Analyzer that reports TODO: the mistake, in one
// sentence.
//
// # Analyzer racewrite
//
// racewrite: report TODO: the summary line that concvet help prints
//
// TODO: why the mistake matters, the shape it takes in real code (a code
// block), and the fix. Then when the analyzer stays silent: what it cannot
// see (the value escapes, the callee is unknown) and the correct idioms
// that look like the mistake.
package racewrite

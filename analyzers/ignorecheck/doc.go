// Package ignorecheck defines an Analyzer that reports malformed
// //concvet:ignore suppression comments.
//
// # Analyzer ignorecheck
//
// ignorecheck: report //concvet:ignore comments that name no analyzer, an unknown one, or give no reason
//
// A suppression comment
//
//	//concvet:ignore NAME[,NAME...] reason
//
// silences the named analyzers on its line, or on the next line when it
// stands alone. ignorecheck reports a comment that names no analyzer, names
// one that concvet does not have (a typo silences nothing, and hides the
// finding it was meant for behind a comment that looks right), or gives no
// reason for the next reader.
//
// It runs whatever analyzers are selected, so a comment is checked even
// when the analyzers it names are turned off. A comment that names an
// analyzer and suppresses nothing is reported by that analyzer, under its
// own name, because only it knows: "concvet:ignore NAME suppresses nothing
// here; remove it".
package ignorecheck

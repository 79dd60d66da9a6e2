package checklist

import (
	"errors"
	"fmt"
	"strings"
)

// Errors a caller can test for with errors.Is. Their text is worded for
// the person who reads it; callers wrap them with what was being done.
var (
	// ErrNotFound: no such school, inspection, standard or item.
	ErrNotFound = sentinel("未找到", "not found")
	// ErrFinalized: a finalized inspection cannot change until it is
	// reopened with a reason.
	ErrFinalized = sentinel("这次检查已定稿；要修改，请先说明原因重新打开", "the inspection is finalized; reopen it with a reason to change it")
	// ErrNotFinalized: only a finalized inspection can be reopened.
	ErrNotFinalized = sentinel("这次检查还没有定稿", "the inspection is not finalized")
	// ErrNotScored: the item is shown for reference and cannot be answered.
	ErrNotScored = sentinel("此项不计分，不能作答", "the item is not scored and cannot be answered")
	// ErrReasonRequired: reopening a finalized inspection needs a reason.
	ErrReasonRequired = sentinel("重新打开已定稿的检查需要说明原因", "a reason is required to reopen a finalized inspection")
	// ErrInvalid: a value breaks a rule of the domain; the wrapping error
	// says which.
	ErrInvalid = sentinel("内容不符合要求", "invalid")
)

// ValidationError says what is wrong in a standard and where, as a path
// into the standard's document such as "$.requirements[2].groups[0].items[3].id".
type ValidationError struct {
	Path    string
	Message string
	// First is the path of the first use, when the problem is a second
	// use of an id.
	First string
	// Said is the message in both languages, when the check words it so
	// (Message is then its English); nil for the checks worded in English
	// only.
	Said *Error
}

func (e *ValidationError) Error() string {
	if e.First != "" {
		return fmt.Sprintf("%s (first at %s)", e.Message, e.First)
	}
	return e.Message
}

// Unwrap gives the message worded in both languages, as Error says it,
// so that i18n.Lang.Error says it in the reader's language and errors.Is
// finds its kind; nil when there is none.
func (e *ValidationError) Unwrap() error {
	if e.Said == nil {
		return nil
	}
	if e.First != "" {
		return Errorf(e.Said.Kind, Text{ZH: "%s（首次出现在 %s）", EN: "%s (first at %s)"}, e.Said, e.First)
	}
	return e.Said
}

// invalid is a problem at path worded in English only. Nothing calls it:
// TestEveryTextInBothLanguages refuses a call; use invalidf.
func invalid(path, msg string) *ValidationError {
	return &ValidationError{Path: path, Message: msg}
}

// invalidf is a problem at path worded in both languages: Message is its
// English, Said the whole error for i18n.
func invalidf(path string, t Text, args ...any) *ValidationError {
	said := Errorf(ErrInvalid, t, args...)
	return &ValidationError{Path: path, Message: said.Error(), Said: said}
}

// duplicatef is a second use, at path, of an id first used at first,
// worded in both languages.
func duplicatef(path, first string, t Text, args ...any) *ValidationError {
	v := invalidf(path, t, args...)
	v.First = first
	return v
}

// invalidErr is a problem at path that a check of a text found (CheckLine,
// CheckNote): worded in both languages when the check worded it so.
func invalidErr(path string, err error) *ValidationError {
	var e *Error
	if errors.As(err, &e) {
		return &ValidationError{Path: path, Message: e.Error(), Said: e}
	}
	return invalidf(path, Text{ZH: "内容不符合要求%.0s", EN: "%s"}, err.Error())
}

// IncompleteError refuses to finalize an inspection while scored items are
// unanswered. Missing lists their ids in display order.
type IncompleteError struct {
	Missing []string
}

func (e *IncompleteError) Error() string { return e.said().Error() }

// Unwrap gives the error worded in both languages, for i18n.Lang.Error.
func (e *IncompleteError) Unwrap() error { return e.said() }

func (e *IncompleteError) said() *Error {
	const show = 10
	ids := e.Missing
	more := Text{}
	if len(ids) > show {
		more = Text{ZH: fmt.Sprintf("等（另有 %d 项）", len(ids)-show), EN: fmt.Sprintf(" and %d more", len(ids)-show)}
		ids = ids[:show]
	}
	return Errorf(nil, Text{ZH: "不能定稿：还有 %d 项计分条目未作答：%s%s", EN: "cannot finalize: %s unanswered: %s%s"},
		Counted(len(e.Missing), "scored item", "scored items"), Text{ZH: strings.Join(ids, "、"), EN: strings.Join(ids, ", ")}, more)
}

// PositionError is a problem in a file at a line and column, printed the
// way compilers print them: FILE:LINE:COL: what is wrong.
type PositionError struct {
	File    string
	Line    int
	Column  int
	Message string
	// Said is the message in both languages, when the check words it so
	// (Message is then its English); nil for the messages in English only.
	// Unwrap gives it with the position, so that i18n.Lang.Error says the
	// whole line in the reader's language and errors.Is finds its kind.
	Said *Error
}

func (e *PositionError) Error() string {
	switch {
	case e.Line > 0 && e.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Message)
	}
}

// Unwrap gives the message worded in both languages, prefixed with the
// position as Error prints it; nil when there is none.
func (e *PositionError) Unwrap() error {
	if e.Said == nil {
		return nil
	}
	where := e.File
	switch {
	case e.Line > 0 && e.Column > 0:
		where = fmt.Sprintf("%s:%d:%d", e.File, e.Line, e.Column)
	case e.Line > 0:
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	return Errorf(e.Said.Kind, Text{ZH: "%s：%s", EN: "%s: %s"}, where, e.Said)
}

package checklist

import (
	"math"
	"strconv"
)

// QuotaWarning says that a year's ratings hold more schools at a star
// level than a quota of their standard allows. It is a warning: the
// ratings are never changed to fit a quota; the bureau decides.
type QuotaWarning struct {
	// StandardID is the standard whose quota it is.
	StandardID string `json:"standard_id"`
	Quota      Quota  `json:"quota"`
	// Count schools are at the level, of Rated schools rated under the
	// standard that year; the quota allows Allowed.
	Count   int `json:"count"`
	Rated   int `json:"rated"`
	Allowed int `json:"allowed"`
}

// Message says the warning in both languages, e.g. "5星级 14 所，占已评定
// 40 所的 35%，超过标准规定的 30%（最多 12 所）". Show it with
// i18n.Lang.Error.
func (w QuotaWarning) Message() *Error {
	level := Text{ZH: strconv.Itoa(w.Quota.Stars) + "星级", EN: Counted(w.Quota.Stars, "star", "stars").String()}
	if w.Quota.AndAbove {
		level = Text{ZH: level.ZH + "及以上", EN: level.EN + " or more"}
	}
	share := FormatPoints(math.Round(float64(w.Count)*1000/float64(w.Rated)) / 10)
	return Errorf(nil, Text{
		ZH: "%s %d 所，占已评定 %d 所的 %s%%，超过标准规定的 %s%%（最多 %d 所）",
		EN: "%s: %d of %s (%s%%), more than the standard's %s%% (at most %d)"},
		level, w.Count, Counted(w.Rated, "rated school", "rated schools"), share, FormatPoints(w.Quota.AtMostPercent), w.Allowed)
}

// Allowed is the most schools a quota allows of rated ones: the share
// rounded down (30% of 41 is 12).
func (q Quota) Allowed(rated int) int {
	return int(math.Floor(q.AtMostPercent*float64(rated)/100 + 1e-9))
}

// Holds reports whether a school with the given stars is at the quota's
// level.
func (q Quota) Holds(stars int) bool {
	if q.AndAbove {
		return stars >= q.Stars
	}
	return stars == q.Stars
}

// CheckQuotas checks the year's ratings against the quotas of the
// standards they were made under: for each standard, its quotas over the
// schools rated under it. It returns a warning for each quota exceeded,
// in the standards' and the quotas' order; nil if none is.
func (y *YearRating) CheckQuotas() []QuotaWarning {
	var out []QuotaWarning
	for _, std := range y.Standards {
		if len(std.Stars.Quotas) == 0 {
			continue
		}
		rated := 0
		for i := range y.Ratings {
			if r := &y.Ratings[i]; r.Rated() && r.Standard.ID == std.ID {
				rated++
			}
		}
		for _, q := range std.Stars.Quotas {
			n := 0
			for i := range y.Ratings {
				if r := &y.Ratings[i]; r.Rated() && r.Standard.ID == std.ID && q.Holds(r.Score.Stars) {
					n++
				}
			}
			if allowed := q.Allowed(rated); n > allowed {
				out = append(out, QuotaWarning{StandardID: std.ID, Quota: q, Count: n, Rated: rated, Allowed: allowed})
			}
		}
	}
	return out
}

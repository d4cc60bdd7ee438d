// Generated from shared/spec/mixedmodels-docs.txt: every code line of the spec, grouped as the spec groups
// them, with the output the spec prints after each group.

/// How a spec example's output is compared.
public enum SpecComparison: Sendable {
    /// The notebook doctest's comparison, with the default tolerances.
    case exact
    /// The doctest's comparison with an absolute tolerance, for estimates along a flat direction of the likelihood
    /// (the verbagg intercept: see notebooks/04-generalized-linear-mixed-models.md).
    case flat(atol: Double)
    /// Our optimizer goes past the spec's stopping point on a flat ridge (as lme4 does; the notebooks explain each
    /// case): the printed `-2 logLik` must be no greater than the spec's, and the words must be the spec's.
    case betterOptimum(specObjective: Double)
    /// Only the characters that survived the spec's text extraction (white space and table rules removed).
    case compressed
    /// BenchmarkTools layout only: timings are never compared.
    case benchmark
    /// The spec shows no output.
    case none
}

public struct SpecExample: Sendable {
    /// Line of the spec where the code starts.
    public let line: Int
    public let code: String
    public let comparison: SpecComparison
    public let expected: String
}

/// The printed output of the spec example whose code starts at `line` (empty when there is none: a test then fails).
public func specOutput(line: Int) -> String {
    specExamples.first { $0.line == line }?.expected ?? ""
}

public let specExamples: [SpecExample] = [
    SpecExample(line: 9, code: #"""
using DataFrames, MixedModels, StatsModels
dyestuff = MixedModels.dataset(:dyestuff)
"""#, comparison: .exact, expected: #"""
Arrow.Table with 30 rows, 2 columns, and schema:
 :batch  String
 :yield  Int16
"""#),
    SpecExample(line: 14, code: #"""
describe(DataFrame(dyestuff))
"""#, comparison: .compressed, expected: #"""
2×7 DataFrame
Rowvariablemeanminmedianmaxnmissingeltype
SymbolUnion…AnyUnion…AnyInt64DataType
1batchAF0String
2yield1527.514401530.016350Int16
"""#),
    SpecExample(line: 51, code: #"""
@formula(y ~ 1 + a + b + a & b) == (term(:y) ~ term(1) + term(:a) + term(:b) + term(:a) & term(:b))
"""#, comparison: .exact, expected: #"""
true
"""#),
    SpecExample(line: 56, code: #"""
@formula(y ~ 1 + a + b + (1 + a + b | g))
"""#, comparison: .exact, expected: #"""
FormulaTerm
Response:
  y(unknown)
Predictors:
  1
  a(unknown)
  b(unknown)
  (a,b,g)->(1 + a + b) | g
"""#),
    SpecExample(line: 65, code: #"""
terms = sum(term(t) for t in [1, :a, :b])
group = term(:g)
response = term(:y)
response ~ terms + (terms | group)
"""#, comparison: .exact, expected: #"""
FormulaTerm
Response:
  y(unknown)
Predictors:
  1
  a(unknown)
  b(unknown)
  (1 + a + b | g)
"""#),
    SpecExample(line: 82, code: #"""
fm = @formula(yield ~ 1 + (1|batch))
fm1 = fit(MixedModel, fm, dyestuff)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 yield ~ 1 + (1 | batch)
   logLik   -2 logLik     AIC       AICc        BIC    
  -163.6635   327.3271   333.3271   334.2501   337.5307

Variance components:
            Column    Variance Std.Dev.
batch    (Intercept)  1388.3332 37.2603
Residual              2451.2501 49.5101
 Number of obs: 30; levels of grouping factors: 6

  Fixed-effects parameters:
────────────────────────────────────────────────
              Coef.  Std. Error      z  Pr(>|z|)
────────────────────────────────────────────────
(Intercept)  1527.5     17.6946  86.33    <1e-99
────────────────────────────────────────────────
"""#),
    SpecExample(line: 104, code: #"""
using BenchmarkTools
dyestuff2 = MixedModels.dataset(:dyestuff2)
@benchmark fit(MixedModel, $fm, $dyestuff2)
"""#, comparison: .benchmark, expected: #"""
BenchmarkTools.Trial: 10000 samples with 1 evaluation.
 Range (minmax):  144.621 μs 58.455 ms   GC (min … max): 0.00% … 95.29%
 Time  (median):     156.794 μs                GC (median):    0.00%
 Time  (mean ± σ):   176.569 μs ± 958.088 μs   GC (mean ± σ):  8.99% ±  1.65%

     ▃██▅▂▁                                                      
  ▁▂▆██████▇▆▆▆▆▆▇▇▆▆▆▆▆▅▄▄▄▃▃▃▂▂▂▂▂▂▂▂▂▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁ ▃
  145 μs           Histogram: frequency by time          207 μs <

 Memory estimate: 54.72 KiB, allocs estimate: 1076.
"""#),
    SpecExample(line: 120, code: #"""
fm1reml = fit(MixedModel, fm, dyestuff, REML=true)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by REML
 yield ~ 1 + (1 | batch)
 REML criterion at convergence: 319.65427684225943

Variance components:
            Column    Variance Std.Dev.
batch    (Intercept)  1764.0537 42.0006
Residual              2451.2492 49.5101
 Number of obs: 30; levels of grouping factors: 6

  Fixed-effects parameters:
────────────────────────────────────────────────
              Coef.  Std. Error      z  Pr(>|z|)
────────────────────────────────────────────────
(Intercept)  1527.5     19.3834  78.80    <1e-99
────────────────────────────────────────────────
"""#),
    SpecExample(line: 142, code: #"""
typeof(fm1)
"""#, comparison: .exact, expected: #"""
LinearMixedModel{Float64}
"""#),
    SpecExample(line: 161, code: #"""
sleepstudy = MixedModels.dataset(:sleepstudy)
fm2 = fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -875.9697  1751.9393  1763.9393  1764.4249  1783.0971

Variance components:
            Column    Variance Std.Dev.   Corr.
subj     (Intercept)  565.51067 23.78047
         days          32.68212  5.71683 +0.08
Residual              654.94145 25.59182
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
──────────────────────────────────────────────────
                Coef.  Std. Error      z  Pr(>|z|)
──────────────────────────────────────────────────
(Intercept)  251.405      6.63226  37.91    <1e-99
days          10.4673     1.50224   6.97    <1e-11
──────────────────────────────────────────────────
"""#),
    SpecExample(line: 187, code: #"""
penicillin = MixedModels.dataset(:penicillin)
fm3 = fit(MixedModel, @formula(diameter ~ 1 + (1|plate) + (1|sample)), penicillin)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 diameter ~ 1 + (1 | plate) + (1 | sample)
   logLik   -2 logLik     AIC       AICc        BIC    
  -166.0942   332.1883   340.1883   340.4761   352.0676

Variance components:
            Column   Variance Std.Dev. 
plate    (Intercept)  0.714980 0.845565
sample   (Intercept)  3.135193 1.770648
Residual              0.302426 0.549933
 Number of obs: 144; levels of grouping factors: 24, 6

  Fixed-effects parameters:
─────────────────────────────────────────────────
               Coef.  Std. Error      z  Pr(>|z|)
─────────────────────────────────────────────────
(Intercept)  22.9722    0.744596  30.85    <1e-99
─────────────────────────────────────────────────
"""#),
    SpecExample(line: 210, code: #"""
pastes = DataFrame(MixedModels.dataset(:pastes))
describe(pastes)
"""#, comparison: .compressed, expected: #"""
3×7 DataFrame
Rowvariablemeanminmedianmaxnmissingeltype
SymbolUnion…AnyUnion…AnyInt64DataType
1batchAJ0String
2caskac0String
3strength60.053354.259.366.00Float64
"""#),
    SpecExample(line: 221, code: #"""
fm4a = fit(MixedModel, @formula(strength ~ 1 + (1|batch/cask)), pastes)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 strength ~ 1 + (1 | batch) + (1 | batch & cask)
   logLik   -2 logLik     AIC       AICc        BIC    
  -123.9972   247.9945   255.9945   256.7217   264.3718

Variance components:
                Column   Variance Std.Dev. 
batch & cask (Intercept)  8.433617 2.904069
batch        (Intercept)  1.199180 1.095071
Residual                  0.678002 0.823409
 Number of obs: 60; levels of grouping factors: 30, 10

  Fixed-effects parameters:
─────────────────────────────────────────────────
               Coef.  Std. Error      z  Pr(>|z|)
─────────────────────────────────────────────────
(Intercept)  60.0533    0.642136  93.52    <1e-99
─────────────────────────────────────────────────
"""#),
    SpecExample(line: 243, code: #"""
pastes.sample = (string.(pastes.cask, "&",  pastes.batch))
fm4b = fit(MixedModel, @formula(strength ~ 1 + (1|sample) + (1|batch)), pastes)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 strength ~ 1 + (1 | sample) + (1 | batch)
   logLik   -2 logLik     AIC       AICc        BIC    
  -123.9972   247.9945   255.9945   256.7217   264.3718

Variance components:
            Column   Variance Std.Dev. 
sample   (Intercept)  8.433617 2.904069
batch    (Intercept)  1.199178 1.095070
Residual              0.678002 0.823409
 Number of obs: 60; levels of grouping factors: 30, 10

  Fixed-effects parameters:
─────────────────────────────────────────────────
               Coef.  Std. Error      z  Pr(>|z|)
─────────────────────────────────────────────────
(Intercept)  60.0533    0.642136  93.52    <1e-99
─────────────────────────────────────────────────
"""#),
    SpecExample(line: 266, code: #"""
insteval = MixedModels.dataset(:insteval)
fm5 = fit(MixedModel, @formula(y ~ 1 + service * dept + (1|s) + (1|d)), insteval)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 y ~ 1 + service + dept + service & dept + (1 | s) + (1 | d)
    logLik     -2 logLik       AIC         AICc          BIC     
 -118792.7767  237585.5534  237647.5534  237647.5804  237932.8763

Variance components:
            Column   Variance Std.Dev. 
s        (Intercept)  0.105418 0.324681
d        (Intercept)  0.258416 0.508347
Residual              1.384728 1.176745
 Number of obs: 73421; levels of grouping factors: 2972, 1128

  Fixed-effects parameters:
────────────────────────────────────────────────────────────────
                              Coef.  Std. Error      z  Pr(>|z|)
────────────────────────────────────────────────────────────────
(Intercept)              3.27628      0.0793647  41.28    <1e-99
service: Y               0.0116044    0.0699321   0.17    0.8682
dept: D02               -0.0411091    0.120331   -0.34    0.7326
dept: D03                0.00967413   0.108411    0.09    0.9289
dept: D04                0.105017     0.0944964   1.11    0.2664
dept: D05                0.0828643    0.11148     0.74    0.4573
dept: D06               -0.01194      0.0978342  -0.12    0.9029
dept: D07                0.0992679    0.110598    0.90    0.3694
dept: D08                0.0575337    0.127935    0.45    0.6529
dept: D09               -0.00263181   0.107085   -0.02    0.9804
dept: D10               -0.223423     0.099838   -2.24    0.0252
dept: D11                0.0129816    0.110639    0.12    0.9066
dept: D12                0.00503825   0.0944243   0.05    0.9574
dept: D14                0.0050827    0.109041    0.05    0.9628
dept: D15               -0.0466719    0.101942   -0.46    0.6471
service: Y & dept: D02  -0.144352     0.0929527  -1.55    0.1204
service: Y & dept: D03   0.0174078    0.0927237   0.19    0.8511
service: Y & dept: D04  -0.0381263    0.0810901  -0.47    0.6382
service: Y & dept: D05   0.0596632    0.123952    0.48    0.6303
service: Y & dept: D06  -0.254044     0.080781   -3.14    0.0017
service: Y & dept: D07  -0.151634     0.11157    -1.36    0.1741
service: Y & dept: D08   0.0508942    0.112189    0.45    0.6501
service: Y & dept: D09  -0.259448     0.0899448  -2.88    0.0039
service: Y & dept: D10   0.25907      0.111369    2.33    0.0200
service: Y & dept: D11  -0.276577     0.0819621  -3.37    0.0007
service: Y & dept: D12  -0.0418489    0.0792928  -0.53    0.5977
service: Y & dept: D14  -0.256742     0.0931016  -2.76    0.0058
service: Y & dept: D15   0.24042      0.0982071   2.45    0.0144
────────────────────────────────────────────────────────────────
"""#),
    SpecExample(line: 320, code: #"""
fm2zerocorr_fm = fit(MixedModel, @formula(reaction ~ 1 + days + zerocorr(1 + days|subj)), sleepstudy)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + zerocorr(1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -876.0016  1752.0033  1762.0033  1762.3481  1777.9680

Variance components:
            Column    Variance Std.Dev.   Corr.
subj     (Intercept)  584.25897 24.17145
         days          33.63281  5.79938   .  
Residual              653.11578 25.55613
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
──────────────────────────────────────────────────
                Coef.  Std. Error      z  Pr(>|z|)
──────────────────────────────────────────────────
(Intercept)  251.405      6.70771  37.48    <1e-99
days          10.4673     1.51931   6.89    <1e-11
──────────────────────────────────────────────────
"""#),
    SpecExample(line: 343, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + (1|subj) + (days|subj)), sleepstudy)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 | subj) + (days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -876.0016  1752.0033  1762.0033  1762.3481  1777.9680

Variance components:
            Column    Variance Std.Dev.   Corr.
subj     (Intercept)  584.25897 24.17145
         days          33.63281  5.79938   .  
Residual              653.11578 25.55613
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
──────────────────────────────────────────────────
                Coef.  Std. Error      z  Pr(>|z|)
──────────────────────────────────────────────────
(Intercept)  251.405      6.70771  37.48    <1e-99
days          10.4673     1.51931   6.89    <1e-11
──────────────────────────────────────────────────
"""#),
    SpecExample(line: 366, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + (1 + days|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .betterOptimum(specObjective: 1611.9897), expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -805.9949  1611.9897  1743.9897  1822.2552  1954.7249

Variance components:
            Column    Variance  Std.Dev.   Corr.
subj     (Intercept)   950.43449 30.82912
         days: 1       492.86572 22.20058 -0.30
         days: 2       910.30759 30.17130 -0.57 +0.75
         days: 3      1263.11469 35.54032 -0.37 +0.72 +0.87
         days: 4      1479.86649 38.46903 -0.31 +0.58 +0.67 +0.91
         days: 5      2293.24005 47.88779 -0.25 +0.46 +0.45 +0.70 +0.85
         days: 6      3850.13899 62.04949 -0.28 +0.30 +0.48 +0.70 +0.77 +0.75
         days: 7      1800.40093 42.43113 -0.16 +0.22 +0.47 +0.50 +0.62 +0.64 +0.71
         days: 8      3146.59890 56.09455 -0.20 +0.28 +0.36 +0.56 +0.73 +0.90 +0.73 +0.74
         days: 9      3073.67517 55.44074 +0.06 +0.25 +0.16 +0.38 +0.58 +0.78 +0.38 +0.53 +0.85
Residual                20.95568  4.57774
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652       7.34616  34.94    <1e-99
days: 1        7.84395     5.45067   1.44    0.1501
days: 2        8.71009     7.27331   1.20    0.2311
days: 3       26.3402      8.51478   3.09    0.0020
days: 4       31.9976      9.19474   3.48    0.0005
days: 5       51.8666     11.3899    4.55    <1e-05
days: 6       55.5264     14.7046    3.78    0.0002
days: 7       62.0988     10.1169    6.14    <1e-09
days: 8       79.9777     13.3094    6.01    <1e-08
days: 9       94.1994     13.1563    7.16    <1e-12
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 406, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + (1|subj) + (days|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .betterOptimum(specObjective: 1631.7993), expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 | subj) + (days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -815.8997  1631.7993  1745.7993  1799.9961  1927.7979

Variance components:
            Column    Variance  Std.Dev.   Corr.
subj     (Intercept)   915.74238 30.26124
         days: 1       450.17581 21.21735   .  
         days: 2       844.99868 29.06886   .   +0.75
         days: 3      1207.51431 34.74931   .   +0.72 +0.88
         days: 4      1427.38409 37.78074   .   +0.58 +0.66 +0.92
         days: 5      2239.73412 47.32583   .   +0.45 +0.44 +0.70 +0.85
         days: 6      3783.39007 61.50927   .   +0.28 +0.48 +0.70 +0.78 +0.75
         days: 7      1762.02146 41.97644   .   +0.20 +0.46 +0.50 +0.62 +0.64 +0.71
         days: 8      3098.95353 55.66825   .   +0.27 +0.35 +0.56 +0.73 +0.90 +0.73 +0.74
         days: 9      3053.44443 55.25798   .   +0.25 +0.15 +0.38 +0.59 +0.78 +0.38 +0.53 +0.86
Residual                35.66785  5.97226
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652       7.27022  35.30    <1e-99
days: 1        7.84395     5.38264   1.46    0.1450
days: 2        8.71009     7.13495   1.22    0.2222
days: 3       26.3402      8.42895   3.12    0.0018
days: 4       31.9976      9.12481   3.51    0.0005
days: 5       51.8667     11.3311    4.58    <1e-05
days: 6       55.5265     14.6339    3.79    0.0001
days: 7       62.0988     10.0922    6.15    <1e-09
days: 8       79.9777     13.2713    6.03    <1e-08
days: 9       94.1994     13.1757    7.15    <1e-12
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 458, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + (1 + fulldummy(days)|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .betterOptimum(specObjective: 1610.8004), expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -805.4002  1610.8004  1764.8004  1882.5651  2010.6581

Variance components:
            Column    Variance Std.Dev.  Corr.
subj     (Intercept)   680.8484 26.0931
         days: 0       445.8646 21.1155 -0.16
         days: 1       539.7514 23.2325 -0.15 +0.49
         days: 2       535.4592 23.1400 -0.34 +0.06 +0.62
         days: 3       474.0427 21.7725 +0.23 -0.39 +0.38 +0.68
         days: 4       405.6725 20.1413 +0.58 -0.76 -0.04 +0.10 +0.72
         days: 5      1137.0055 33.7195 +0.40 -0.51 -0.09 -0.14 +0.30 +0.66
         days: 6      2334.2866 48.3145 +0.30 -0.53 -0.30 -0.04 +0.37 +0.57 +0.55
         days: 7      1161.4546 34.0801 +0.29 -0.15 -0.12 +0.12 +0.06 +0.23 +0.35 +0.49
         days: 8      1938.0933 44.0238 +0.34 -0.42 -0.22 -0.18 +0.13 +0.48 +0.83 +0.55 +0.56
         days: 9      2308.5773 48.0477 +0.48 -0.16 -0.04 -0.26 -0.02 +0.34 +0.68 +0.08 +0.33 +0.79
Residual                17.1860  4.1456
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652       7.34962  34.92    <1e-99
days: 1        7.84395     5.4544    1.44    0.1504
days: 2        8.71009     7.27548   1.20    0.2312
days: 3       26.3402      8.5272    3.09    0.0020
days: 4       31.9976      9.22024   3.47    0.0005
days: 5       51.8667     11.4171    4.54    <1e-05
days: 6       55.5265     14.7215    3.77    0.0002
days: 7       62.0988     10.1445    6.12    <1e-09
days: 8       79.9777     13.3349    6.00    <1e-08
days: 9       94.1994     13.1539    7.16    <1e-12
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 501, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + zerocorr(1 + days|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + zerocorr(1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -882.9138  1765.8276  1807.8276  1813.6757  1874.8797

Variance components:
            Column    Variance Std.Dev.  Corr.
subj     (Intercept)   958.5297 30.9601
         days: 1         0.0000  0.0000   .  
         days: 2         0.0000  0.0000   .     .  
         days: 3         0.0000  0.0000   .     .     .  
         days: 4         0.0000  0.0000   .     .     .     .  
         days: 5       519.6024 22.7948   .     .     .     .     .  
         days: 6      1703.9712 41.2792   .     .     .     .     .     .  
         days: 7       608.7564 24.6730   .     .     .     .     .     .     .  
         days: 8      1273.0349 35.6796   .     .     .     .     .     .     .     .  
         days: 9      1753.8800 41.8794   .     .     .     .     .     .     .     .     .  
Residual               434.8706 20.8536
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652       8.79836  29.17    <1e-99
days: 1        7.84395     6.95118   1.13    0.2591
days: 2        8.71009     6.95118   1.25    0.2102
days: 3       26.3402      6.95118   3.79    0.0002
days: 4       31.9976      6.95118   4.60    <1e-05
days: 5       51.8666      8.78554   5.90    <1e-08
days: 6       55.5264     11.9576    4.64    <1e-05
days: 7       62.0988      9.06304   6.85    <1e-11
days: 8       79.9777     10.9107    7.33    <1e-12
days: 9       94.1994     12.073     7.80    <1e-14
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 538, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + (1|subj) + zerocorr(days|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + (1 | subj) + zerocorr(days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -882.9138  1765.8276  1807.8276  1813.6757  1874.8797

Variance components:
            Column    Variance Std.Dev.  Corr.
subj     (Intercept)   958.5297 30.9601
         days: 1         0.0000  0.0000   .  
         days: 2         0.0000  0.0000   .     .  
         days: 3         0.0000  0.0000   .     .     .  
         days: 4         0.0000  0.0000   .     .     .     .  
         days: 5       519.6024 22.7948   .     .     .     .     .  
         days: 6      1703.9712 41.2792   .     .     .     .     .     .  
         days: 7       608.7564 24.6730   .     .     .     .     .     .     .  
         days: 8      1273.0349 35.6796   .     .     .     .     .     .     .     .  
         days: 9      1753.8800 41.8794   .     .     .     .     .     .     .     .     .  
Residual               434.8706 20.8536
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652       8.79836  29.17    <1e-99
days: 1        7.84395     6.95118   1.13    0.2591
days: 2        8.71009     6.95118   1.25    0.2102
days: 3       26.3402      6.95118   3.79    0.0002
days: 4       31.9976      6.95118   4.60    <1e-05
days: 5       51.8666      8.78554   5.90    <1e-08
days: 6       55.5264     11.9576    4.64    <1e-05
days: 7       62.0988      9.06304   6.85    <1e-11
days: 8       79.9777     10.9107    7.33    <1e-12
days: 9       94.1994     12.073     7.80    <1e-14
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 575, code: #"""
fit(MixedModel, @formula(reaction ~ 1 + days + zerocorr(1 + fulldummy(days)|subj)), sleepstudy,
    contrasts = Dict(:days => DummyCoding()))
"""#, comparison: .betterOptimum(specObjective: 1757.9686), expected: #"""
Linear mixed model fit by maximum likelihood
 reaction ~ 1 + days + zerocorr(1 + days | subj)
   logLik   -2 logLik     AIC       AICc        BIC    
  -878.9843  1757.9686  1801.9686  1808.4145  1872.2137

Variance components:
            Column    Variance  Std.Dev.   Corr.
subj     (Intercept)  1135.21785 33.69299
         days: 0       777.31917 27.88044   .  
         days: 1       359.04932 18.94860   .     .  
         days: 2       222.55893 14.91841   .     .     .  
         days: 3         1.46177  1.20904   .     .     .     .  
         days: 4        45.80020  6.76758   .     .     .     .     .  
         days: 5       671.64764 25.91617   .     .     .     .     .     .  
         days: 6      1741.27833 41.72863   .     .     .     .     .     .     .  
         days: 7       910.07914 30.16752   .     .     .     .     .     .     .     .  
         days: 8      1459.12167 38.19845   .     .     .     .     .     .     .     .     .  
         days: 9      2029.26857 45.04740   .     .     .     .     .     .     .     .     .     .  
Residual               179.55251 13.39972
 Number of obs: 180; levels of grouping factors: 18

  Fixed-effects parameters:
───────────────────────────────────────────────────
                 Coef.  Std. Error      z  Pr(>|z|)
───────────────────────────────────────────────────
(Intercept)  256.652      10.7809   23.81    <1e-99
days: 1        7.84395     9.11493   0.86    0.3895
days: 2        8.71009     8.68902   1.00    0.3161
days: 3       26.3402      7.95084   3.31    0.0009
days: 4       31.9976      8.10427   3.95    <1e-04
days: 5       51.8666     10.0224    5.18    <1e-06
days: 6       55.5264     12.6441    4.39    <1e-04
days: 7       62.0988     10.6628    5.82    <1e-08
days: 8       79.9777     12.0082    6.66    <1e-10
days: 9       94.1994     13.2617    7.10    <1e-11
───────────────────────────────────────────────────
"""#),
    SpecExample(line: 618, code: #"""
verbagg = MixedModels.dataset(:verbagg)
verbaggform = @formula(r2 ~ 1 + anger + gender + btype + situ + mode + (1|subj) + (1|item));
gm1 = fit(MixedModel, verbaggform, verbagg, Bernoulli())
"""#, comparison: .flat(atol: 0.002), expected: #"""
Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 1)
  r2 ~ 1 + anger + gender + btype + situ + mode + (1 | subj) + (1 | item)
  Distribution: Bernoulli{Float64}
  Link: LogitLink()

   logLik    deviance     AIC       AICc        BIC    
 -4067.9164  8135.8329  8153.8329  8153.8566  8216.2370

Variance components:
        Column   Variance Std.Dev. 
subj (Intercept)  1.793543 1.339232
item (Intercept)  0.117147 0.342267

 Number of obs: 7584; levels of grouping factors: 316, 24

Fixed-effects parameters:
──────────────────────────────────────────────────────
                   Coef.  Std. Error       z  Pr(>|z|)
──────────────────────────────────────────────────────
(Intercept)   -0.152626     0.385225   -0.40    0.6920
anger          0.0573837    0.016753    3.43    0.0006
gender: M      0.320634     0.19121     1.68    0.0936
btype: scold  -1.05993      0.184157   -5.76    <1e-08
btype: shout  -2.10392      0.186516  -11.28    <1e-28
situ: self    -1.05436      0.151193   -6.97    <1e-11
mode: want     0.706979     0.151006    4.68    <1e-05
──────────────────────────────────────────────────────
"""#),
    SpecExample(line: 659, code: #"""
gm1a = fit(MixedModel, verbaggform, verbagg, Bernoulli(), fast = true)
deviance(gm1a) - deviance(gm1)
"""#, comparison: .exact, expected: #"""
0.33800914130279125
"""#),
    SpecExample(line: 662, code: #"""
@benchmark fit(MixedModel, $verbaggform, $verbagg, Bernoulli())
"""#, comparison: .benchmark, expected: #"""
BenchmarkTools.Trial: 3 samples with 1 evaluation.
 Range (minmax):  2.075 s 2.083 s   GC (min … max): 0.00% … 0.00%
 Time  (median):     2.076 s              GC (median):    0.00%
 Time  (mean ± σ):   2.078 s ± 4.012 ms   GC (mean ± σ):  0.00% ± 0.00%

   ▁▁▁▁▁█▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█ ▁
  2.08 s        Histogram: frequency by time        2.08 s <

 Memory estimate: 22.67 MiB, allocs estimate: 435568.
"""#),
    SpecExample(line: 672, code: #"""
@benchmark fit(MixedModel, $verbaggform, $verbagg, Bernoulli(), fast = true)
"""#, comparison: .benchmark, expected: #"""
BenchmarkTools.Trial: 29 samples with 1 evaluation.
 Range (minmax):  174.548 ms198.254 ms   GC (min … max): 0.00% … 6.51%
 Time  (median):     175.787 ms                GC (median):    0.00%
 Time  (mean ± σ):   177.317 ms ±   4.497 ms   GC (mean ± σ):  0.25% ± 1.21%

  █▅▅                                                           
  █████▁▁▁█▅▁▅▅▁▁▁▁▁▁▁▅▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▅ ▁
  175 ms           Histogram: frequency by time          198 ms <

 Memory estimate: 9.83 MiB, allocs estimate: 87054.
"""#),
    SpecExample(line: 686, code: #"""
contraception = MixedModels.dataset(:contra)
contraform = @formula(use ~ 1 + age + abs2(age) + livch + urban + (1|dist));
bernoulli = Bernoulli()
deviances = Dict{Symbol,Float64}()
b = @benchmarkable deviances[:default] = deviance(fit(MixedModel, $contraform, $contraception, $bernoulli));
run(b)
b = @benchmarkable deviances[:fast] = deviance(fit(MixedModel, $contraform, $contraception, $bernoulli, fast = true));
run(b)
b = @benchmarkable deviances[:nAGQ] = deviance(fit(MixedModel, $contraform, $contraception, $bernoulli, nAGQ=9));
run(b)
b = @benchmarkable deviances[:nAGQ_fast] = deviance(fit(MixedModel, $contraform, $contraception, $bernoulli, nAGQ=9, fast=true));
run(b)
sort(deviances)
"""#, comparison: .exact, expected: #"""
OrderedCollections.OrderedDict{Symbol, Float64} with 4 entries:
  :default   => 2372.73
  :fast      => 2372.78
  :nAGQ      => 2372.46
  :nAGQ_fast => 2372.51
"""#),
    SpecExample(line: 750, code: #"""
loglikelihood(fm1)
"""#, comparison: .exact, expected: #"""
-163.6635299405715
"""#),
    SpecExample(line: 752, code: #"""
aic(fm1)
"""#, comparison: .exact, expected: #"""
333.327059881143
"""#),
    SpecExample(line: 754, code: #"""
bic(fm1)
"""#, comparison: .exact, expected: #"""
337.5306520261295
"""#),
    SpecExample(line: 756, code: #"""
dof(fm1)   # 1 fixed effect, 2 variances
"""#, comparison: .exact, expected: #"""
3
"""#),
    SpecExample(line: 758, code: #"""
nobs(fm1)  # 30 observations
"""#, comparison: .exact, expected: #"""
30
"""#),
    SpecExample(line: 760, code: #"""
loglikelihood(gm1)
"""#, comparison: .exact, expected: #"""
-4067.916431282346
"""#),
    SpecExample(line: 778, code: #"""
objective(fm1)
"""#, comparison: .exact, expected: #"""
327.327059881143
"""#),
    SpecExample(line: 780, code: #"""
deviance(fm1)
"""#, comparison: .exact, expected: #"""
327.327059881143
"""#),
    SpecExample(line: 791, code: #"""
MixedModels.deviance!(gm1)
"""#, comparison: .exact, expected: #"""
8135.832862564683
"""#),
    SpecExample(line: 818, code: #"""
coef(fm1)
coefnames(fm1)
"""#, comparison: .exact, expected: #"""
1-element Vector{String}:
 "(Intercept)"
"""#),
    SpecExample(line: 822, code: #"""
fixef(fm1)
fixefnames(fm1)
"""#, comparison: .exact, expected: #"""
1-element Vector{String}:
 "(Intercept)"
"""#),
    SpecExample(line: 829, code: #"""
fm1.β
"""#, comparison: .exact, expected: #"""
1-element Vector{Float64}:
 1527.4999999999989
"""#),
    SpecExample(line: 832, code: #"""
fm1.beta
"""#, comparison: .exact, expected: #"""
1-element Vector{Float64}:
 1527.4999999999989
"""#),
    SpecExample(line: 835, code: #"""
gm1.β
"""#, comparison: .flat(atol: 0.002), expected: #"""
7-element Vector{Float64}:
 -0.15262587614271778
  0.057383652955092006
  0.3206338746900981
 -1.0599299278921983
 -2.1039198441853832
 -1.0543571545244896
  0.7069786443049767
"""#),
    SpecExample(line: 847, code: #"""
propertynames(fm1)
"""#, comparison: .exact, expected: #"""
(:formula, :reterms, :Xymat, :feterm, :sqrtwts, :parmap, :dims, :A, :L, :optsum, :θ, :theta, :β, :beta, :βs, :betas, :λ, :lambda, :stderror, :σ, :sigma, :σs, :sigmas, :σρs, :sigmarhos, :b, :u, :lowerbd, :X, :y, :corr, :vcov, :PCA, :rePCA, :objective, :pvalues)
"""#),
    SpecExample(line: 849, code: #"""
propertynames(gm1)
"""#, comparison: .exact, expected: #"""
(:A, :L, :theta, :beta, :coef, :λ, :σ, :sigma, :X, :y, :lowerbd, :objective, :σρs, :σs, :corr, :vcov, :PCA, :rePCA, :LMM, :β, :θ, :b, :u, :resp, :wt)
"""#),
    SpecExample(line: 860, code: #"""
vcov(fm2)
"""#, comparison: .exact, expected: #"""
2×2 Matrix{Float64}:
 43.9868   -1.37039
 -1.37039   2.25671
"""#),
    SpecExample(line: 864, code: #"""
vcov(gm1)
"""#, comparison: .exact, expected: #"""
7×7 Matrix{Float64}:
  0.148399    -0.00561503   -0.00982367   …  -0.0112071    -0.0113468
 -0.00561503   0.000280663   7.19131e-5      -1.4796e-5     1.02407e-5
 -0.00982367   7.19131e-5    0.0365612       -8.04376e-5    5.25843e-5
 -0.0167986   -1.43707e-5   -9.25591e-5       0.000265804  -0.000172099
 -0.0166226   -2.90546e-5   -0.000162382      0.000658965  -0.000520522
 -0.0112071   -1.4796e-5    -8.04376e-5   …   0.0228593    -0.000247781
 -0.0113468    1.02407e-5    5.25843e-5      -0.000247781   0.0228028
"""#),
    SpecExample(line: 882, code: #"""
stderror(fm2)
"""#, comparison: .exact, expected: #"""
2-element Vector{Float64}:
 6.6322577615178595
 1.5022354765205783
"""#),
    SpecExample(line: 886, code: #"""
stderror(gm1)
"""#, comparison: .exact, expected: #"""
7-element Vector{Float64}:
 0.3852254474367752
 0.016752997330556033
 0.19120975137113166
 0.18415712378963275
 0.18651583779233935
 0.15119305761173202
 0.15100598592331346
"""#),
    SpecExample(line: 906, code: #"""
coeftable(fm2)
"""#, comparison: .exact, expected: #"""
──────────────────────────────────────────────────
                Coef.  Std. Error      z  Pr(>|z|)
──────────────────────────────────────────────────
(Intercept)  251.405      6.63226  37.91    <1e-99
days          10.4673     1.50224   6.97    <1e-11
──────────────────────────────────────────────────
"""#),
    SpecExample(line: 918, code: #"""
VarCorr(fm2)
"""#, comparison: .exact, expected: #"""
Variance components:
            Column    Variance Std.Dev.   Corr.
subj     (Intercept)  565.51067 23.78047
         days          32.68212  5.71683 +0.08
Residual              654.94145 25.59182
"""#),
    SpecExample(line: 924, code: #"""
VarCorr(gm1)
"""#, comparison: .exact, expected: #"""
Variance components:
        Column   Variance Std.Dev. 
subj (Intercept)  1.793543 1.339232
item (Intercept)  0.117147 0.342267
"""#),
    SpecExample(line: 962, code: #"""
varest(fm2)
"""#, comparison: .exact, expected: #"""
654.9414514334794
"""#),
    SpecExample(line: 964, code: #"""
sdest(fm2)
"""#, comparison: .exact, expected: #"""
25.591823917678852
"""#),
    SpecExample(line: 966, code: #"""
fm2.σ
"""#, comparison: .exact, expected: #"""
25.591823917678852
"""#),
    SpecExample(line: 983, code: #"""
ranef(fm1)
"""#, comparison: .exact, expected: #"""
1-element Vector{Matrix{Float64}}:
 [-16.628221011733622 0.36951602248394705 … 53.57982326003441 -42.49434258554293]
"""#),
    SpecExample(line: 986, code: #"""
fm1.b
"""#, comparison: .exact, expected: #"""
1-element Vector{Matrix{Float64}}:
 [-16.628221011733622 0.36951602248394705 … 53.57982326003441 -42.49434258554293]
"""#),
    SpecExample(line: 1011, code: #"""
DataFrame(only(raneftables(fm1)))
"""#, comparison: .compressed, expected: #"""
6×2 DataFrame
Rowbatch(Intercept)
StringFloat64
1A-16.6282
2B0.369516
3C26.9747
4D-21.8014
5E53.5798
6F-42.4943
"""#),
    SpecExample(line: 1035, code: #"""
condVar(fm1)
"""#, comparison: .exact, expected: #"""
1-element Vector{Array{Float64, 3}}:
 [362.3104675622471;;; 362.3104675622471;;; 362.3104675622471;;; 362.3104675622471;;; 362.3104675622471;;; 362.3104675622471]
"""#),
    SpecExample(line: 1049, code: #"""
leverage(fm1)
"""#, comparison: .exact, expected: #"""
30-element Vector{Float64}:
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 ⋮
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
 0.15650534082766315
"""#),
    SpecExample(line: 1080, code: #"""
n, p, q, k = size(fm1)
"""#, comparison: .exact, expected: #"""
(30, 1, 6, 1)
"""#),
    SpecExample(line: 1085, code: #"""
sum(leverage(fm1))
"""#, comparison: .exact, expected: #"""
4.695160224829894
"""#),
    SpecExample(line: 1090, code: #"""
n, p, q, k = size(fm2)
"""#, comparison: .exact, expected: #"""
(180, 2, 36, 1)
"""#),
    SpecExample(line: 1095, code: #"""
sum(leverage(fm2))
"""#, comparison: .exact, expected: #"""
28.611526060668556
"""#),
    SpecExample(line: 1100, code: #"""
fm3 = fit(MixedModel, @formula(yield ~ 1+(1|batch)), MixedModels.dataset(:dyestuff2))
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 yield ~ 1 + (1 | batch)
   logLik   -2 logLik     AIC       AICc        BIC    
   -81.4365   162.8730   168.8730   169.7961   173.0766

Variance components:
            Column   Variance Std.Dev.
batch    (Intercept)   0.00000 0.00000
Residual              13.34610 3.65323
 Number of obs: 30; levels of grouping factors: 6

  Fixed-effects parameters:
───────────────────────────────────────────────
              Coef.  Std. Error     z  Pr(>|z|)
───────────────────────────────────────────────
(Intercept)  5.6656    0.666986  8.49    <1e-16
───────────────────────────────────────────────
"""#),
    SpecExample(line: 1121, code: #"""
sum(leverage(fm3))
"""#, comparison: .exact, expected: #"""
0.9999999999999998
"""#),
    SpecExample(line: 1126, code: #"""
fm4 = fit(MixedModel, @formula(diameter ~ 1+(1|plate)+(1|sample)),
    MixedModels.dataset(:penicillin))
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by maximum likelihood
 diameter ~ 1 + (1 | plate) + (1 | sample)
   logLik   -2 logLik     AIC       AICc        BIC    
  -166.0942   332.1883   340.1883   340.4761   352.0676

Variance components:
            Column   Variance Std.Dev. 
plate    (Intercept)  0.714980 0.845565
sample   (Intercept)  3.135193 1.770648
Residual              0.302426 0.549933
 Number of obs: 144; levels of grouping factors: 24, 6

  Fixed-effects parameters:
─────────────────────────────────────────────────
               Coef.  Std. Error      z  Pr(>|z|)
─────────────────────────────────────────────────
(Intercept)  22.9722    0.744596  30.85    <1e-99
─────────────────────────────────────────────────
"""#),
    SpecExample(line: 1146, code: #"""
sum(leverage(fm4))
"""#, comparison: .exact, expected: #"""
27.46531794839342
"""#),
    SpecExample(line: 1151, code: #"""
fm4r = fit(MixedModel, @formula(diameter ~ 1+(1|plate)+(1|sample)),
    MixedModels.dataset(:penicillin), REML=true)
"""#, comparison: .exact, expected: #"""
Linear mixed model fit by REML
 diameter ~ 1 + (1 | plate) + (1 | sample)
 REML criterion at convergence: 330.86058899096145

Variance components:
            Column   Variance Std.Dev. 
plate    (Intercept)  0.716908 0.846704
sample   (Intercept)  3.730907 1.931556
Residual              0.302415 0.549923
 Number of obs: 144; levels of grouping factors: 24, 6

  Fixed-effects parameters:
─────────────────────────────────────────────────
               Coef.  Std. Error      z  Pr(>|z|)
─────────────────────────────────────────────────
(Intercept)  22.9722    0.808572  28.41    <1e-99
─────────────────────────────────────────────────
"""#),
    SpecExample(line: 1170, code: #"""
sum(leverage(fm4r))
"""#, comparison: .none, expected: #"""
"""#),
]

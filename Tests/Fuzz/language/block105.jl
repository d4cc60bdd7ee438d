(DummyCoding(), EffectsCoding(), HelmertCoding(), FullDummyCoding())

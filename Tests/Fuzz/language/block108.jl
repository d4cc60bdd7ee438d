(first(fitted(m)), first(residuals(m)), first(response(m)), sum(leverage(m)))

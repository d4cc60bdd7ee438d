x + y;

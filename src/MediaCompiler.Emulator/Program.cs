return await MediaCompiler.Emulator.EmulatorHost.RunAsync(args, Console.Out, Console.Error);

-- NeuralSynth in a real DAW: Ardour 7 driven headless by its Lua session tool (ardour7-lua, "None (Dummy)"
-- backend). Run by native/ardour/run-ardour-tests.sh; every mode prints "NS key=value" result lines and
-- ends with "NS-OK <mode>", or prints "NS-FAIL <one line>" (run-ardour-tests.sh turns that into its exit code).
--
--   ardour7-lua ns-ardour.lua <mode> key=value ...
--
-- modes (each its own process; run-ardour-tests.sh strings them together)
--   create    dir= name= rate= kind=instrument|effect plugin= [type=VST3] [midi=<in.mid>] [seconds= in=<in.wav>]
--             [set="A=v;B=v"] [list=1] [copy="FROM|TO" preset=LABEL [probe=NAME]]: a new session with one track and
--             the plug-in; the MIDI file (instrument) or a generated input (effect) becomes a region at 0 by editing
--             the saved XML (ardour7-lua cannot import); set= parameters are set, copy= copies a file after the
--             plug-in loaded, preset= loads a user preset, and the session is saved at once.
--   render    dir= name= out=<out.wav> seconds= [params=] [dry=1] [midi=] [in=] [settle=]: reopens, sets params=,
--             exports [0, seconds) as 32-bit float WAV at the session rate and analyses it (rate, length,
--             NaN/Inf, peak/RMS; with midi= the first note's pitch; with in= the difference to the input).
--   verdict   the render options: the same checks on a render's out= file in a process that opens no session
--             (rate from the session file), for a render process that Ardour killed after writing the export.
--   readback  dir= name= param= [expect=]: reopens and reads a parameter back.
--   analyse   file= [window=from:to]: the same figures for any WAV (window: its strongest partials).
--
-- Parameter values (set=, params=, expect=): a plain number in Ardour's units (VST3: the controller's plain
-- value), "norm:X" (0..1 of the parameter's range), or "step:K" (K-th step of a stepped parameter).
-- Ardour 7.3 exposes no display strings for VST3 parameters to Lua, so labels ("DDSP Violin") are
-- resolved to step:K by the caller (run-ardour-tests.sh, through vst3-labels.c and the bundle's controller).

io.stdout:setvbuf("line") -- results survive a crash of the process

local SC_PER_SECOND = 282240000 -- Temporal superclock rate of Ardour 7 (divisible by 44100, 48000, 88200, 96000)
local TICKS = 1920               -- Temporal::Beats::PPQN

-------------------------------------------------------------------------------------------------- helpers
-- A failure unwinds to the pcall at the bottom, which prints the one line and closes the session
-- (exiting from inside Ardour with its engine threads running is not safe).
local FAIL = {}
local function fail(msg)
	error(setmetatable({ msg = tostring(msg) }, FAIL), 0)
end

local function result(key, value)
	print(string.format("NS %s=%s", key, tostring(value)))
end

local opt = {}
local mode = arg[1]
for i = 2, #arg do
	local k, v = string.match(arg[i], "^([%w_%-]+)=(.*)$")
	if not k then fail("bad argument '" .. arg[i] .. "' (expected key=value)") end
	opt[k] = v
end
local prefix = opt.prefix or (mode or "")
local function R(key, value) result(prefix .. "." .. key, value) end

local function need(key)
	if not opt[key] or opt[key] == "" then fail(mode .. ": missing " .. key .. "=") end
	return opt[key]
end

local function read_file(path)
	local f = io.open(path, "rb")
	if not f then fail("cannot read " .. path) end
	local s = f:read("a")
	f:close()
	return s
end

local function write_file(path, data)
	local f = io.open(path, "wb")
	if not f then fail("cannot write " .. path) end
	f:write(data)
	f:close()
end

local function plugin_type(name)
	local t = ARDOUR.PluginType[name or "VST3"]
	if t == nil then fail("unknown plugin type " .. tostring(name)) end
	return t
end

-------------------------------------------------------------------------------------------------- MIDI
-- Reads a Standard MIDI File (type 0/1, any tempo map) into absolute-time events in seconds.
local function read_smf(path)
	local d = read_file(path)
	if d:sub(1, 4) ~= "MThd" then fail(path .. ": not a Standard MIDI File") end
	local hlen, format, ntracks, division = string.unpack(">I4I2I2I2", d, 5)
	if division >= 0x8000 then fail(path .. ": SMPTE time division is not supported") end
	local p = 9 + hlen
	local events, tempos = {}, {}
	for t = 1, ntracks do
		if d:sub(p, p + 3) ~= "MTrk" then fail(path .. ": track " .. t .. " missing") end
		local len = string.unpack(">I4", d, p + 4)
		local q, stop, tick, status = p + 8, p + 8 + len, 0, nil
		local function vlq()
			local v = 0
			repeat
				local b = d:byte(q); q = q + 1
				v = (v << 7) | (b & 0x7f)
			until b < 0x80
			return v
		end
		while q < stop do
			tick = tick + vlq()
			local b = d:byte(q)
			if b == 0xff then
				local typ = d:byte(q + 1); q = q + 2
				local l = vlq()
				if typ == 0x51 and l == 3 then
					tempos[#tempos + 1] = { tick = tick, usec = string.unpack(">I3", d, q) }
				end
				q = q + l
			elseif b == 0xf0 or b == 0xf7 then
				q = q + 1
				q = q + vlq()
			else
				if b >= 0x80 then status = b; q = q + 1 end
				if not status then fail(path .. ": running status without a status byte") end
				local n = ((status & 0xf0) == 0xc0 or (status & 0xf0) == 0xd0) and 1 or 2
				local bytes = { status, d:byte(q, q + n - 1) }
				q = q + n
				events[#events + 1] = { tick = tick, order = #events, bytes = bytes }
			end
		end
		p = stop
	end
	table.sort(tempos, function(a, b) return a.tick < b.tick end)
	local function seconds(tick)
		local s, last, usec = 0, 0, 500000
		for _, tp in ipairs(tempos) do
			if tp.tick >= tick then break end
			s = s + (tp.tick - last) * usec / 1e6 / division
			last, usec = tp.tick, tp.usec
		end
		return s + (tick - last) * usec / 1e6 / division
	end
	for _, e in ipairs(events) do e.time = seconds(e.tick) end
	-- note-offs first at one instant (as the engine's own event order), then file order
	table.sort(events, function(a, b)
		if a.time ~= b.time then return a.time < b.time end
		local aoff = (a.bytes[1] & 0xf0) == 0x80 or ((a.bytes[1] & 0xf0) == 0x90 and a.bytes[3] == 0)
		local boff = (b.bytes[1] & 0xf0) == 0x80 or ((b.bytes[1] & 0xf0) == 0x90 and b.bytes[3] == 0)
		if aoff ~= boff then return aoff end
		return a.order < b.order
	end)
	return events
end

-- Ardour 7.3 "chases" controllers when it locates (an export starts with a locate to its start): it sends
-- each controller's value at that position from the region's model, and before a controller's first event
-- that is the first event's value. The demo bends down a semitone at 11.9 s, so without this its first
-- 11.9 s play a semitone flat. Every controller and pitch bend the file uses gets an explicit start value
-- at time 0 (the plug-in's defaults: bend centre, CC7/CC11 127, others 0) unless it has one there.
local function add_controller_defaults(events)
	local seen, at_zero = {}, {}
	for _, e in ipairs(events) do
		local st = e.bytes[1] & 0xf0
		local key
		if st == 0xe0 then key = string.format("%d:bend", e.bytes[1] & 0x0f)
		elseif st == 0xb0 then key = string.format("%d:%d", e.bytes[1] & 0x0f, e.bytes[2]) end
		if key then
			if e.time == 0 then at_zero[key] = true end
			if not seen[key] then seen[key] = { status = e.bytes[1], cc = e.bytes[2] } end
		end
	end
	local added = {}
	for key, s in pairs(seen) do
		if not at_zero[key] then
			local bytes
			if (s.status & 0xf0) == 0xe0 then bytes = { s.status, 0x00, 0x40 }
			else bytes = { s.status, s.cc, (s.cc == 7 or s.cc == 11) and 127 or 0 } end
			added[#added + 1] = { time = 0, tick = 0, order = -1, bytes = bytes }
		end
	end
	table.sort(added, function(a, b) return a.bytes[1] * 256 + a.bytes[2] < b.bytes[1] * 256 + b.bytes[2] end)
	for i = #added, 1, -1 do table.insert(events, 1, added[i]) end
	return #added
end

-- Writes the events as a type-0 SMF at 1920 PPQN and 120 BPM, keeping every event's time in seconds:
-- Ardour plays a MIDI region in beats at the session tempo (120 BPM in a new session), so the region
-- sounds at the file's own times whatever its tempo map was. Returns the length in ticks.
local function write_smf_120(events, path)
	local out, last = {}, 0
	local function vlq(v)
		local bytes = { v & 0x7f }
		v = v >> 7
		while v > 0 do
			table.insert(bytes, 1, (v & 0x7f) | 0x80)
			v = v >> 7
		end
		return string.char(table.unpack(bytes))
	end
	out[#out + 1] = vlq(0) .. "\xff\x51\x03" .. string.pack(">I3", 500000)
	local ticks = 0
	for _, e in ipairs(events) do
		local tick = math.floor(e.time * 2 * TICKS + 0.5)
		out[#out + 1] = vlq(tick - last) .. string.char(table.unpack(e.bytes))
		last = tick
		ticks = tick
	end
	out[#out + 1] = vlq(0) .. "\xff\x2f\x00"
	local body = table.concat(out)
	write_file(path, "MThd" .. string.pack(">I4I2I2I2", 6, 0, 1, TICKS) .. "MTrk" .. string.pack(">I4", #body) .. body)
	return ticks
end

-------------------------------------------------------------------------------------------------- WAV
local function write_wav_float(path, channels, rate)
	local frames = #channels[1]
	local nch = #channels
	local parts = {}
	local block = {}
	for i = 1, frames do
		for c = 1, nch do block[#block + 1] = channels[c][i] end
		if #block >= 4096 or i == frames then
			parts[#parts + 1] = string.pack("<" .. string.rep("f", #block), table.unpack(block))
			block = {}
		end
	end
	local data = table.concat(parts)
	write_file(path, "RIFF" .. string.pack("<I4", 36 + #data) .. "WAVE" ..
		"fmt " .. string.pack("<I4I2I2I4I4I2I2", 16, 3, nch, rate, rate * 4 * nch, 4 * nch, 32) ..
		"data" .. string.pack("<I4", #data) .. data)
end

-- Reads PCM 16/24/32 or float 32/64 WAV (plain or WAVE_FORMAT_EXTENSIBLE, any chunks) into planar tables.
local function read_wav(path)
	local d = read_file(path)
	if d:sub(1, 4) ~= "RIFF" or d:sub(9, 12) ~= "WAVE" then fail(path .. ": not a RIFF/WAVE file") end
	local p, fmt, data = 13, nil, nil
	while p + 8 <= #d do
		local id, len = d:sub(p, p + 3), string.unpack("<I4", d, p + 4)
		if id == "fmt " then
			local tag, nch, rate, _, _, bits = string.unpack("<I2I2I4I4I2I2", d, p + 8)
			if tag == 0xfffe then tag = string.unpack("<I2", d, p + 8 + 24) end
			fmt = { tag = tag, channels = nch, rate = rate, bits = bits }
		elseif id == "data" then
			data = { offset = p + 8, length = math.min(len, #d - (p + 8) + 1) }
		end
		p = p + 8 + len + (len % 2)
	end
	if not fmt or not data then fail(path .. ": no fmt/data chunk") end
	local code, scale
	if fmt.tag == 3 and fmt.bits == 32 then code = "f"
	elseif fmt.tag == 3 and fmt.bits == 64 then code = "d"
	elseif fmt.tag == 1 and fmt.bits == 16 then code, scale = "i2", 32768
	elseif fmt.tag == 1 and fmt.bits == 24 then code, scale = "i3", 8388608
	elseif fmt.tag == 1 and fmt.bits == 32 then code, scale = "i4", 2147483648
	else fail(path .. string.format(": unsupported WAV encoding %d/%d-bit", fmt.tag, fmt.bits)) end
	local bytes = fmt.bits // 8
	local nch = fmt.channels
	local frames = data.length // (bytes * nch)
	local ch = {}
	for c = 1, nch do ch[c] = {} end
	local per = 1024
	local pos, i = data.offset, 0
	while i < frames do
		local n = math.min(per, frames - i)
		local vals = { string.unpack("<" .. string.rep(code, n * nch), d, pos) }
		for k = 0, n - 1 do
			for c = 1, nch do
				local v = vals[k * nch + c]
				if scale then v = v / scale end
				ch[c][i + k + 1] = v
			end
		end
		pos = pos + n * nch * bytes
		i = i + n
	end
	return { channels = ch, rate = fmt.rate, frames = frames, bits = fmt.bits, tag = fmt.tag }
end

-- Energy of one frequency (Goertzel) over samples [from, to) of x, normalised by the window length.
local function goertzel(x, from, to, freq, rate)
	local w = 2 * math.pi * freq / rate
	local coeff = 2 * math.cos(w)
	local s1, s2 = 0, 0
	local n = to - from
	for i = from, to - 1 do
		-- Hann window against leakage from the neighbouring notes
		local h = 0.5 - 0.5 * math.cos(2 * math.pi * (i - from) / (n - 1))
		local s = x[i + 1] * h + coeff * s1 - s2
		s2, s1 = s1, s
	end
	return (s1 * s1 + s2 * s2 - coeff * s1 * s2) / (n * n)
end

local function analyse(w)
	local peak, sum, nonfinite = 0, 0, 0
	local nch = #w.channels
	for c = 1, nch do
		local x = w.channels[c]
		for i = 1, w.frames do
			local v = x[i]
			if v ~= v or v == math.huge or v == -math.huge then
				nonfinite = nonfinite + 1
			else
				local a = math.abs(v)
				if a > peak then peak = a end
				sum = sum + v * v
			end
		end
	end
	return {
		rate = w.rate, channels = nch, frames = w.frames, seconds = w.frames / w.rate,
		peak = peak, rms = math.sqrt(sum / math.max(1, w.frames * nch)), nonfinite = nonfinite,
	}
end

local function rms_range(x, from, to)
	local s = 0
	for i = from + 1, to do s = s + x[i] * x[i] end
	return math.sqrt(s / math.max(1, to - from))
end

local function report_audio(a)
	R("rate", a.rate); R("channels", a.channels); R("frames", a.frames)
	R("seconds", string.format("%.3f", a.seconds))
	R("peak", string.format("%.4f", a.peak)); R("rms", string.format("%.5f", a.rms))
	R("nonfinite", a.nonfinite)
end

local function check_audio(a, rate, min_frames, label)
	if a.rate ~= rate then fail(string.format("%s: exported at %d Hz, session runs at %d Hz", label, a.rate, rate)) end
	if a.frames < min_frames then fail(string.format("%s: %d frames exported, expected >= %d", label, a.frames, min_frames)) end
	if a.nonfinite > 0 then fail(string.format("%s: %d NaN/Inf samples", label, a.nonfinite)) end
	if a.peak < 1e-4 then fail(string.format("%s: silent (peak %.3g)", label, a.peak)) end
	if a.peak > 4 then fail(string.format("%s: peak %.3g is far above full scale", label, a.peak)) end
end

-------------------------------------------------------------------------------------------------- session
local function export_preset_id() return opt.preset or "7e0a8f4c-5d2b-4c6e-9a51-3f1e2d4b6a70" end

-- The plug-in's input controls: { which = n (the index LuaAPI.set/get_processor_param take, mapped by
-- Plugin::nth_parameter), port = its control port (what the descriptor and label take), label }.
-- For VST3 both are the parameter's index; for LV2 they differ.
local function controls(plugin)
	local list = {}
	for which = 0, plugin:parameter_count() - 1 do
		local port, refs = plugin:nth_parameter(which, false)
		if refs[2] and plugin:parameter_is_input(port) and plugin:parameter_is_control(port) then
			list[#list + 1] = { which = which, port = port, label = plugin:parameter_label(port) }
		end
	end
	return list
end

-- By exact title; else by the title before " (": Ardour 7.3 reads titles once, at instantiation, and
-- ignores kParamTitlesChanged, so a knob keeps the title it had then ("Knob 1 (unused)") and is found
-- as "Knob 1".
local function find_param(plugin, name)
	local names = {}
	local list = controls(plugin)
	for _, c in ipairs(list) do
		if c.label == name then return c end
		names[#names + 1] = c.label
	end
	for _, c in ipairs(list) do
		if string.match(c.label, "^(.-) %(") == name then return c end
	end
	fail(string.format("plug-in '%s' has no parameter named '%s' (it has: %s)", plugin:name(), name, table.concat(names, ", ")))
end

local function descriptor(plugin, c)
	local _, t = plugin:get_parameter_descriptor(c.port, ARDOUR.ParameterDescriptor())
	return t[2]
end

-- Resolves "norm:X", "step:K" or a plain number to the plain value Ardour's control takes.
local function resolve(plugin, c, spec)
	local pd = descriptor(plugin, c)
	local lower, upper = pd.lower, pd.upper
	local x = string.match(spec, "^norm:(.+)$")
	if x then return lower + tonumber(x) * (upper - lower) end
	local k = string.match(spec, "^step:(%d+)$")
	if k then
		local steps = pd.rangesteps - 1
		if steps < 1 then fail(string.format("parameter %s is not stepped (step:%s)", c.label, k)) end
		if tonumber(k) > steps then fail(string.format("parameter %s has %d steps, step:%s asked", c.label, steps, k)) end
		return lower + tonumber(k) * (upper - lower) / steps
	end
	local v = tonumber(spec)
	if not v then fail("parameter value '" .. spec .. "' is not a number, norm:X or step:K") end
	return v
end

local function get_param(proc, c)
	return (ARDOUR.LuaAPI.get_processor_param(proc, c.which, false))
end

local function set_param(proc, plugin, c, spec)
	local v = resolve(plugin, c, spec)
	if not ARDOUR.LuaAPI.set_processor_param(proc, c.which, v) then
		local pd = descriptor(plugin, c)
		fail(string.format("Ardour refused %s=%s (plain %g, range %g..%g)", c.label, spec, v, pd.lower, pd.upper))
	end
	return v
end

local function set_params(proc, spec)
	if not spec or spec == "" then return end
	local plugin = proc:to_insert():plugin(0)
	for item in string.gmatch(spec, "[^;]+") do
		local name, value = string.match(item, "^%s*(.-)%s*=%s*(.-)%s*$")
		if not name then fail("bad parameter spec '" .. item .. "' (expected Name=Value)") end
		local c = find_param(plugin, name)
		local before = get_param(proc, c)
		local v = set_param(proc, plugin, c, value)
		R("param." .. name, string.format("%s (plain %.6g, was %.6g, read back %.6g)", value, v, before, get_param(proc, c)))
		if opt.require_change == "1" and math.abs(v - before) <= 1e-6 * math.max(1, math.abs(v)) then
			fail(string.format("%s is already %g: choose a value that changes it", name, v))
		end
	end
end

-- copy="FROM|TO" then preset=LABEL: a file is put in place once the plug-in has loaded (a model added to the user
-- folder while the host runs), then the user preset LABEL (a .vstpreset in the plug-in's preset folder) is loaded;
-- probe=NAME reports that parameter's value afterwards.
local function load_preset_after_copy(proc)
	local plugin = proc:to_insert():plugin(0)
	if opt.copy then
		local from, to = string.match(opt.copy, "^(.-)|(.+)$")
		if not from then fail("copy= wants FROM|TO") end
		write_file(to, read_file(from))
		R("copied", to)
	end
	local record = plugin:preset_by_label(opt.preset)
	if not record then fail("no preset labelled '" .. opt.preset .. "' (is it in the plug-in's preset folder?)") end
	if not plugin:load_preset(record) then fail("Ardour could not load preset '" .. opt.preset .. "'") end
	R("preset", opt.preset)
	if opt.probe then R("probe." .. opt.probe, string.format("%.6g", get_param(proc, find_param(plugin, opt.probe)))) end
end

local function list_params(proc)
	local plugin = proc:to_insert():plugin(0)
	for _, c in ipairs(controls(plugin)) do
		local pd = descriptor(plugin, c)
		print(string.format("NS-PARAM %d '%s' %g..%g default %g steps %d value %g", c.which, c.label,
			pd.lower, pd.upper, pd.normal, math.max(0, pd.rangesteps - 1), get_param(proc, c)))
	end
end

local function first_track()
	for t in Session:get_tracks():iter() do return t:to_track() end
	fail("the session has no track after reopen")
end

-- The "None (Dummy)" backend, chosen here (rather than by ardour7-lua's default) to fix its period:
-- buffer= samples per cycle [1024].
local function prepare_backend()
	local backend = AudioEngine:set_backend("None (Dummy)", "", "")
	if backend:isnil() then fail("Ardour has no \"None (Dummy)\" backend") end
	local size = tonumber(opt.buffer or "1024")
	if backend:set_buffer_size(size) ~= 0 then fail("the Dummy backend refused a buffer size of " .. size) end
end

local function open_new(dir, name, rate)
	prepare_backend()
	local s = create_session(dir, name, rate)
	if not s then fail("Ardour could not create a session at " .. dir .. " (" .. rate .. " Hz)") end
	if Session:nominal_sample_rate() ~= rate then
		fail(string.format("session runs at %d Hz, %d asked", Session:nominal_sample_rate(), rate))
	end
	return s
end

-- Lua must hold no reference to the session's routes/processors when it closes (a held route keeps its
-- ports registered, and the next session cannot register them): callers drop theirs, then this collects.
local function close()
	collectgarbage()
	collectgarbage()
	print("NS-STEP close")
	close_session()
	print("NS-STEP closed")
end

local function reopen(dir, name)
	prepare_backend()
	local s = load_session(dir, name)
	if not s then fail("Ardour could not reopen " .. dir) end
	return s
end

local function save()
	-- save_state (snapshot, pending, switch_to_snapshot, template_only, for_archive, only_used_assets)
	if Session:save_state("", false, false, false, false, false) ~= 0 then fail("Session:save_state failed") end
end

-- Ardour connects a new track's outputs to the master bus from its auto-connect thread, which a
-- quick save can beat (the track is then saved unconnected and exports silence): connect them here.
local function connect_to_master(track)
	local out = track:output()
	for i = 0, 1 do
		local port = out:audio(i)
		if port:isnil() then fail(string.format("track '%s' has no audio output %d", track:name(), i + 1)) end
		local master = "Master/audio_in " .. (i + 1)
		if not port:connected_to(master) then
			if out:connect(port, master, nil) ~= 0 then fail("cannot connect " .. port:name() .. " to " .. master) end
		end
		if not port:connected_to(master) then fail(port:name() .. " is not connected to " .. master) end
	end
end

local function add_instrument_track(plugin, ptype)
	local pi = ARDOUR.LuaAPI.new_plugin_info(plugin, plugin_type(ptype))
	if pi:isnil() then fail("Ardour does not know the " .. (ptype or "VST3") .. " plug-in '" .. plugin .. "' (scan failed or not installed)") end
	-- strict_io=false: with strict I/O, Ardour 7.3 reconfigures the new track's outputs for the instrument
	-- and, racing its own process thread, fails in about 1 of 3 runs with "Port already exists:
	-- synth/audio_out 1" (new_midi_track then throws)
	local tl = Session:new_midi_track(ARDOUR.ChanCount(ARDOUR.DataType("midi"), 1), ARDOUR.ChanCount(ARDOUR.DataType("audio"), 2),
		false, pi, nil, nil, 1, "synth", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, false)
	if tl:size() ~= 1 then fail("new_midi_track failed") end
	local track = tl:front()
	local proc = track:nth_plugin(0)
	if proc:isnil() then fail("the instrument '" .. plugin .. "' was not inserted") end
	connect_to_master(track)
	return track, proc
end

local function add_effect_track(plugin, ptype)
	local tl = Session:new_audio_track(2, 2, nil, 1, "fx", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, false)
	if tl:size() ~= 1 then fail("new_audio_track failed") end
	local track = tl:front()
	local proc = ARDOUR.LuaAPI.new_plugin(Session, plugin, plugin_type(ptype), "")
	if proc:isnil() then fail("Ardour does not know the " .. (ptype or "VST3") .. " plug-in '" .. plugin .. "' (scan failed or not installed)") end
	if track:add_processor_by_index(proc, 0, nil, true) ~= 0 then fail("could not insert '" .. plugin .. "' on the audio track") end
	connect_to_master(track)
	return track, proc
end

-- Adds sources and a region to the session XML (ardour7-lua has no import): whole-file region in
-- <Regions>, the playlist's region in the track's playlist (<Playlist orig-track-id=track_id>).
-- Where Ardour keeps a session's media: interchange/<session folder name>/{midifiles,audiofiles}.
local function media_dir(dir, kind)
	return dir .. "/interchange/" .. string.match(dir, "([^/]+)/*$") .. "/" .. kind
end

local function inject_region(dir, name, track_id, sources, region_attrs)
	local path = dir .. "/" .. name .. ".ardour"
	local xml = read_file(path)
	local id = 900000000
	local src_xml, src_attrs = {}, {}
	for i, s in ipairs(sources) do
		id = id + 1
		src_xml[#src_xml + 1] = string.format('    <Source name="%s" take-id="" type="%s" flags="%s" id="%d" channel="%d" origin=""/>\n',
			s.name, s.type, s.flags or "", id, s.channel or 0)
		src_attrs[#src_attrs + 1] = string.format('source-%d="%d" master-source-%d="%d"', i - 1, id, i - 1, id)
	end
	local function region(rid, whole)
		return string.format('<Region name="%s" muted="0" opaque="1" locked="0" video-locked="0" automatic="0" whole-file="%d" ' ..
			'import="0" external="0" sync-marked="0" left-of-split="0" right-of-split="0" hidden="0" position-locked="0" ' ..
			'valid-transients="0" %s stretch="1" shift="1" layering-index="0" tags="" contents="0" id="%d" type="%s" ' ..
			'first-edit="nothing" %s/>', region_attrs.name, whole, region_attrs.times, rid, region_attrs.type, table.concat(src_attrs, " "))
	end
	local n
	xml, n = string.gsub(xml, "<Sources/>", function() return "<Sources>\n" .. table.concat(src_xml) .. "  </Sources>" end, 1)
	if n ~= 1 then fail("session XML: no empty <Sources/>") end
	xml, n = string.gsub(xml, "<Regions/>", function() return "<Regions>\n    " .. region(id + 1, 1) .. "\n  </Regions>" end, 1)
	if n ~= 1 then fail("session XML: no empty <Regions/>") end
	xml, n = string.gsub(xml, '(<Playlist [^>]-orig%-track%-id="' .. track_id .. '"[^>]-)/>', function(head)
		return head .. ">\n      " .. region(id + 2, 0) .. "\n    </Playlist>"
	end, 1)
	if n ~= 1 then fail("session XML: no empty playlist of track " .. track_id) end
	write_file(path, xml)
end

keep_alive = {}

local function export(out_path, start_sample, end_sample)
	local folder, file = string.match(out_path, "^(.*)/([^/]+)%.wav$")
	if not folder then fail("out= must be a path ending in .wav") end
	local e = Session:simple_export()
	if not e:set_preset(export_preset_id()) then fail("export preset " .. export_preset_id() .. " not found (is XDG_CONFIG_HOME set up by run-ardour-tests.sh?)") end
	e:set_folder(folder)
	e:set_name(file)
	e:set_range(start_sample, end_sample)
	if not e:check_outputs() then fail("export: the master bus has no outputs") end
	print("NS-STEP export start")
	if not e:run_export() then fail("Ardour's export failed") end
	print("NS-STEP export done")
	-- Freeing the SimpleExport right after the export (the next collectgarbage) corrupted the heap in about
	-- 1 of 6 runs ("free(): invalid next size", Ardour's own plug-ins too): keep it for the life of the
	-- Lua state, which Ardour deletes after the session.
	keep_alive[#keep_alive + 1] = e
	local f = io.open(out_path, "rb")
	if not f then fail("export reported success but " .. out_path .. " does not exist") end
	f:close()
end

-------------------------------------------------------------------------------------------------- test signal
-- 3 s (seconds=) stereo: a plucked string (Karplus-Strong, 110 Hz, every 0.75 s) + a quiet 440 Hz sine
-- + seeded white noise, peak about 0.5. Deterministic.
local function make_input(rate, seconds)
	local n = math.floor(rate * seconds + 0.5)
	local x = {}
	local seed = 12345
	local function rnd()
		seed = (seed * 1103515245 + 12345) % 2147483648
		return seed / 1073741824 - 1
	end
	local period = math.floor(rate / 110 + 0.5)
	local line, pos = {}, 1
	for i = 1, period do line[i] = 0 end
	for i = 1, n do
		if (i - 1) % math.floor(0.75 * rate) == 0 then
			for k = 1, period do line[k] = rnd() end
		end
		local a, b = line[pos], line[pos % period + 1]
		local y = 0.996 * 0.5 * (a + b)
		line[pos] = y
		pos = pos % period + 1
		x[i] = 0.35 * y + 0.1 * math.sin(2 * math.pi * 440 * (i - 1) / rate) + 0.02 * rnd()
	end
	local r = {}
	for i = 1, n do r[i] = x[i] end
	return { x, r }
end

-- The verdict on an export: audio checks, and for an instrument (midi=) the first note's pitch, for an effect
-- (in=) the difference to the input. Shared by render (in its own process) and verdict (a fresh process, when
-- Ardour died after writing the file).
local function judge_export(out, rate, end_sample, prefix)
	local w = read_wav(out)
	local a = analyse(w)
	report_audio(a)
	check_audio(a, rate, end_sample - 1, prefix .. " export")

	if opt.midi then
		-- the demo's notes are heard: energy in the second after the first note-on, and the first note's
		-- pitch stands out against a semitone above and below
		local first_on
		for _, e in ipairs(read_smf(opt.midi)) do
			if (e.bytes[1] & 0xf0) == 0x90 and e.bytes[3] > 0 then first_on = e break end
		end
		local x = w.channels[1]
		local on = math.floor(first_on.time * rate)
		local rms1 = rms_range(x, on, math.min(w.frames, on + rate))
		R("rms_first_second", string.format("%.5f", rms1))
		if rms1 < 1e-3 then fail(string.format("%s: the first second after the first note is (nearly) silent: rms %.3g", prefix, rms1)) end
		local note = first_on.bytes[2]
		local f0 = 440 * 2 ^ ((note - 69) / 12)
		local from, to = on + math.floor(0.05 * rate), on + math.floor(0.45 * rate)
		local at = goertzel(x, from, to, f0, rate)
		local off = math.max(goertzel(x, from, to, f0 * 2 ^ (1 / 12), rate), goertzel(x, from, to, f0 * 2 ^ (-1 / 12), rate))
		local db = 10 * math.log(math.max(at, 1e-30) / math.max(off, 1e-30), 10)
		R("first_note", string.format("%d/%.2fHz@%.3fs", note, f0, first_on.time))
		R("first_note_vs_semitone_db", string.format("%.1f", db))
		if db < tonumber(opt.min_pitch_db or "6") then
			fail(string.format("%s: the first note (%.1f Hz) is not heard: %.1f dB over a semitone off (need %s)", prefix, f0, db, opt.min_pitch_db or "6"))
		end
	end
	if opt["in"] then
		local input = read_wav(opt["in"])
		local diff, ref = 0, 0
		for c = 1, #input.channels do
			local y, x = w.channels[math.min(c, #w.channels)], input.channels[c]
			for i = 1, input.frames do
				local d = y[i] - x[i]
				diff = diff + d * d
				ref = ref + x[i] * x[i]
			end
		end
		local ratio = math.sqrt(diff / ref)
		R("difference_to_input", string.format("%.5f", ratio))
		-- the same per 0.5 s window: an effect that passes stretches of the input through unprocessed
		-- (e.g. a model on a worker thread that an export, faster than real time, outruns) shows here
		local window = rate // 2
		local worst, worst_at = math.huge, 0
		for from = 0, input.frames - window, window do
			local d, r = 0, 0
			for c = 1, #input.channels do
				local y, x = w.channels[math.min(c, #w.channels)], input.channels[c]
				for i = from + 1, from + window do
					local e = y[i] - x[i]
					d = d + e * e
					r = r + x[i] * x[i]
				end
			end
			local q = math.sqrt(d / math.max(r, 1e-30))
			if q < worst then worst, worst_at = q, from / rate end
		end
		R("min_window_difference", string.format("%.5f@%.1fs", worst, worst_at))
		if opt.dry == "1" then
			if ratio > 1e-3 then fail(string.format("%s: the dry pass (plug-in deactivated) differs from the input by %.3g: routing is not unity", prefix, ratio)) end
		elseif opt.expect_change ~= "0" then
			if ratio < 1e-3 then fail(string.format("%s: the effect did not change the audio (relative difference %.3g)", prefix, ratio)) end
			if worst < 1e-3 then
				fail(string.format("%s: from %.1f s to %.1f s the export is the input, unprocessed (relative difference %.3g)", prefix, worst_at, worst_at + 0.5, worst))
			end
		end
	end
end

-------------------------------------------------------------------------------------------------- modes
-- Each mode is its own ardour7-lua process: reopening a session in the process that closed it can
-- fail with "Port already exists" while the old routes are still being torn down.

-- create: a new session with one track and the plug-in; for kind=instrument the MIDI file (midi=) as a
-- region at 0, for kind=effect the generated input; set= parameters are set and the session is saved
-- at once (nothing in between lets audio run on purpose).
local function mode_create()
	local dir, name, rate = need("dir"), need("name"), tonumber(need("rate"))
	local plugin, kind = need("plugin"), need("kind")
	open_new(dir, name, rate)
	local track_id = (function()
		local track, proc
		if kind == "instrument" then track, proc = add_instrument_track(plugin, opt.type)
		elseif kind == "effect" then track, proc = add_effect_track(plugin, opt.type)
		else fail("kind= must be instrument or effect") end
		if opt.list == "1" then list_params(proc) end
		set_params(proc, opt.set)
		if opt.preset then load_preset_after_copy(proc) end
		return track:to_stateful():id():to_s()
	end)()
	save()
	close()

	if opt.midi then
		local events = read_smf(opt.midi)
		R("midi_controller_start_values_added", add_controller_defaults(events))
		local smf = "ns-input.mid"
		local ticks = write_smf_120(events, media_dir(dir, "midifiles") .. "/" .. smf)
		inject_region(dir, name, track_id, { { name = smf, type = "midi" } },
			{ name = "ns-input", type = "midi", times = string.format('start="b0" length="b%d@b0" sync-position="b0" ancestral-start="b0" ancestral-length="b%d@b0"', ticks, ticks) })
		R("midi_events", #events)
		R("midi_seconds", string.format("%.3f", events[#events].time))
	elseif kind == "effect" and opt.seconds then
		local input = make_input(rate, tonumber(opt.seconds))
		local wav = "ns-input.wav"
		write_wav_float(media_dir(dir, "audiofiles") .. "/" .. wav, input, rate)
		if opt["in"] then write_wav_float(opt["in"], input, rate) end
		local len = #input[1] * (SC_PER_SECOND // rate)
		inject_region(dir, name, track_id, { { name = wav, type = "audio", channel = 0 }, { name = wav, type = "audio", channel = 1 } },
			{ name = "ns-input", type = "audio", times = string.format('start="a0" length="a%d@a0" sync-position="a0" ancestral-start="a0" ancestral-length="a%d@a0" ' ..
				-- no fades: the dry pass must equal the input sample for sample
				'envelope-active="0" default-fade-in="0" default-fade-out="0" fade-in-active="0" fade-out-active="0" scale-amplitude="1"', len, len) })
	end
	print("NS-OK create")
end

-- render: reopens, checks the region, sets params=, (dry=1: deactivates the plug-in), exports
-- [0, seconds=) to out=, analyses it; for an instrument with midi= also the first note's pitch, for an
-- effect with in= the difference to the input.
local function mode_render()
	local dir, name, out = need("dir"), need("name"), need("out")
	local seconds = tonumber(need("seconds"))
	reopen(dir, name)
	local rate = Session:nominal_sample_rate()
	;(function()
		local track = first_track()
		connect_to_master(track) -- fails when the saved session lost the connection
		local regions = track:playlist():region_list()
		if regions:size() ~= 1 then fail(string.format("the injected region did not load (%d regions on the track)", regions:size())) end
		local region
		for r in regions:iter() do region = r end
		R("region_seconds", string.format("%.3f", region:length():samples() / rate))
		local midi_region = region:to_midiregion()
		if not midi_region:isnil() then
			local note_count = 0
			for _ in ARDOUR.LuaAPI.note_list(midi_region:model()):iter() do note_count = note_count + 1 end
			R("region_notes", note_count)
			if note_count == 0 then fail("the MIDI region has no notes") end
		end
		local proc = track:nth_plugin(0)
		if proc:isnil() then fail("the plug-in is missing after reopen") end
		if opt.list == "1" then list_params(proc) end
		set_params(proc, opt.params)
		if opt.dry == "1" then proc:deactivate() end
	end)()
	-- a model chosen by a parameter loads off the audio thread: give it time before the export
	sleep(tonumber(opt.settle or "0.5"))
	local end_sample = math.floor(seconds * rate + 0.5)
	local t0 = os.time()
	export(out, 0, end_sample)

	-- analysed before the session closes: Ardour 7.3 sometimes aborts in its export teardown (heap corruption
	-- detected in ~PortExportChannel while the session is deleted, with its own plug-ins too), and the
	-- results must be out by then; when it dies even before this, run-ardour-tests.sh asks mode verdict
	judge_export(out, rate, end_sample, prefix)
	print("NS-OK render")
	close()
end

-- readback: reopens and prints the named parameter's value (param=), and whether it equals expect=.
local function mode_readback()
	local dir, name, param = need("dir"), need("name"), need("param")
	reopen(dir, name)
	local value, expected = (function()
		local proc = first_track():nth_plugin(0)
		if proc:isnil() then fail("the plug-in is missing after reopen") end
		local p = proc:to_insert():plugin(0)
		local c = find_param(p, param)
		return get_param(proc, c), opt.expect and resolve(p, c, opt.expect)
	end)()
	close()
	R("value", string.format("%.6g", value))
	if expected then
		R("expected", string.format("%.6g", expected))
		R("kept", math.abs(value - expected) <= 1e-4 * math.max(1, math.abs(expected)) and "yes" or "no")
	end
	print("NS-OK readback")
end

-- verdict: judges an export that a render process wrote before Ardour died (same options as render; the rate
-- is the session's, read from its file: no session is opened).
local function mode_verdict()
	local dir, name, out = need("dir"), need("name"), need("out")
	local rate = tonumber(string.match(read_file(dir .. "/" .. name .. ".ardour"), '<Session [^>]-sample%-rate="(%d+)"') or "")
	if not rate then fail("no sample-rate in " .. dir .. "/" .. name .. ".ardour") end
	judge_export(out, rate, math.floor(tonumber(need("seconds")) * rate + 0.5), prefix)
	print("NS-OK verdict")
end

local function mode_analyse()
	local w = read_wav(need("file"))
	local a = analyse(w)
	report_audio(a)
	if opt.window then
		-- diagnostics: the strongest partials (Goertzel, 1 Hz grid, 50..2000 Hz) of channel 1 in window=from:to seconds
		local t0, t1 = string.match(opt.window, "^([%d.]+):([%d.]+)$")
		local from, to = math.floor(tonumber(t0) * w.rate), math.floor(tonumber(t1) * w.rate)
		local e = {}
		for f = 50, 2000 do e[f] = goertzel(w.channels[1], from, to, f, w.rate) end
		local peaks = {}
		for f = 51, 1999 do
			if e[f] > e[f - 1] and e[f] >= e[f + 1] then peaks[#peaks + 1] = f end
		end
		table.sort(peaks, function(x, y) return e[x] > e[y] end)
		local list = {}
		for i = 1, math.min(10, #peaks) do list[#list + 1] = string.format("%dHz(%.0fdB)", peaks[i], 10 * math.log(e[peaks[i]] + 1e-30, 10)) end
		R("peaks", table.concat(list, " "))
	end
	print("NS-OK analyse")
end

local ok, err = xpcall(function()
	if mode == "create" then mode_create()
	elseif mode == "render" then mode_render()
	elseif mode == "readback" then mode_readback()
	elseif mode == "analyse" then mode_analyse()
	elseif mode == "verdict" then mode_verdict()
	else fail("unknown mode '" .. tostring(mode) .. "' (create|render|readback|analyse|verdict)") end
end, function(e)
	if type(e) == "table" and getmetatable(e) == FAIL then return e.msg end
	return tostring(e) .. " | " .. tostring(debug.traceback())
end)
if not ok then
	print("NS-FAIL " .. tostring(mode) .. ": " .. (string.gsub(tostring(err), "\n", " ")))
	io.stdout:flush()
	pcall(close_session) -- deleting no session is harmless
end
io.stdout:flush()
